import { posix } from 'node:path';
import { ValidationError, type ValidationIssue } from '@hpckit/core';
import { remoteRules } from '../errors/remote-rules.js';

function invalid(path: string, issue: ValidationIssue, code: string): ValidationError {
  return new ValidationError({
    details: { ...remoteRules.subject('path'), issues: [{ ...issue, code }], reason: 'invalid_path', path },
  });
}

/**
 * The absolute, normalised path `path` names for a user whose home is `home`. Purely lexical: no
 * shell, no globbing, no `$VAR` expansion, no symlink lookup, so spaces, quotes, newlines and
 * non-ASCII stay part of the name. `~` and `~/…` mean the home; any other `~name` is a plain
 * name. A relative path may not climb above the home with `..` (the caller asked for something
 * under it; pass an absolute path to mean elsewhere).
 *
 * @throws `ValidationError` for an empty path, a NUL byte, or `..` climbing above the home.
 *
 * @example
 * ```ts
 * resolvePath('/home/alice', 'run 1/out.txt'); // "/home/alice/run 1/out.txt"
 * ```
 */
export function resolvePath(home: string, path: string): string {
  if (typeof path !== 'string' || path === '') {
    throw invalid(String(path), remoteRules.validationIssue(['path'], 'path_empty'), 'too_small');
  }
  if (path.includes('\0'))
    throw invalid(path, remoteRules.validationIssue(['path'], 'path_nul'), 'invalid_string');
  if (path.startsWith('/')) return trimSlash(posix.normalize(path));
  const relative = path === '~' ? '.' : path.startsWith('~/') ? path.slice(2) || '.' : path;
  const normal = posix.normalize(relative);
  if (normal === '..' || normal.startsWith('../')) {
    throw invalid(
      path,
      remoteRules.validationIssue(['path'], 'path_climbs', { value: JSON.stringify(path), item: home }),
      'path_escape',
    );
  }
  return trimSlash(posix.join(home, normal));
}

/**
 * `resolvePath`, then checks the result lies within `root` (inclusive), for views confined to one
 * directory (a job's working directory). Relative paths resolve against `root` itself.
 *
 * @throws `ValidationError` (issue code `path_escape`) when the path leaves `root`.
 */
export function resolveWithin(root: string, path: string): string {
  const base = trimSlash(posix.normalize(root));
  const resolved = resolvePath(base, path);
  if (!isWithin(base, resolved)) {
    throw invalid(
      path,
      remoteRules.validationIssue(['path'], 'path_outside', { value: JSON.stringify(path), item: base }),
      'path_escape',
    );
  }
  return resolved;
}

/** Whether `path` is `root` or lies below it (both absolute and normalised). */
export function isWithin(root: string, path: string): boolean {
  return root === '/' || path === root || path.startsWith(`${root}/`);
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
