/**
 * The `hpckit` command line, as a library: build the program to embed or test it.
 *
 * @packageDocumentation
 */
export const CLI_NAME = 'hpckit';
