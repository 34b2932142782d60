/**
 * What a transport's errors are tagged with: the transport's `kind`. Messages then read
 * `[hpckit] [ssh] could not connect to …` or `[hpckit] [local] …`, and `HpckitError.adapter` names
 * the transport that failed rather than a scheduler adapter (or `@hpckit/remote`) that used it.
 */
export type TransportTag = 'local' | 'ssh';

/**
 * Binds one tag to error inits: `tagged({ details, message })` is that init with `adapter` set, for
 * `new TransportError(tagged({ … }))`. Each module binds its tag once, so no error site names it
 * by hand (and none can name another: an init that already has `adapter` does not type-check).
 */
export function errorTag(tag: TransportTag): <I extends object>(
  init: I & { adapter?: never },
) => I & {
  adapter: TransportTag;
} {
  return (init) => ({ ...init, adapter: tag });
}
