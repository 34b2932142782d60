/**
 * The few file operations a session needs in the user's home on the cluster. Paths are absolute.
 * A narrow contract on purpose: `@hpckit/remote`'s file system, a local directory or memory can
 * stand behind it.
 */
export interface SessionFiles {
  /** The user's home directory (absolute). */
  home(): Promise<string>;
  /** The file's text. @throws `NOT_FOUND` when it does not exist. */
  readFile(path: string): Promise<string>;
  /** Writes a file readable by the user only (mode 0600), replacing it. */
  writeFile(path: string, text: string): Promise<void>;
  /** Creates a directory and its parents, readable by the user only (mode 0700). */
  mkdir(path: string): Promise<void>;
  /** Whether the path exists. */
  exists(path: string): Promise<boolean>;
}
