/**
 * What hpckit stores at the start of a job's comment: the idempotency token (`hpckit:<key>`), so
 * a submission whose answer was lost can be found instead of submitted twice, then the output
 * file patterns the job named (`;o=<stdout>;e=<stderr>`), because Slurm 22.05's accounting keeps
 * no stdout/stderr paths and an ended job's files could not be found otherwise. The comment is
 * stored in accounting (`AccountingStoreFlags=job_comment`) and so outlives the queue and any
 * restart of the portal. The first space ends hpckit's part: core refuses keys with whitespace
 * or `;`, and the patterns are percent-encoded, so each reads back whole.
 */
const PREFIX = 'hpckit:';

/** Slurm 22.05 refuses a longer comment ("Pathname of a file, directory or other parameter too long"). */
export const MAX_COMMENT_BYTES = 1024;

/** Output file patterns as the spec named them (relative to the working directory, unexpanded). */
export interface RecordedOutputs {
  stdout?: string;
  stderr?: string;
}

/**
 * The comment text for a submission: the token, the named output patterns, then the caller's own
 * comment. Patterns that would make the comment longer than Slurm accepts are left out: the
 * submission matters more than the record (an ended job then has no known output path).
 */
export function commentWithToken(
  key: string,
  comment: string | undefined,
  outputs: RecordedOutputs = {},
): string {
  const plain = comment ? `${PREFIX}${key} ${comment}` : `${PREFIX}${key}`;
  let record = '';
  if (outputs.stdout !== undefined) record += `;o=${encodePattern(outputs.stdout)}`;
  if (outputs.stderr !== undefined) record += `;e=${encodePattern(outputs.stderr)}`;
  if (record === '') return plain;
  const full = comment ? `${PREFIX}${key}${record} ${comment}` : `${PREFIX}${key}${record}`;
  return new TextEncoder().encode(full).length <= MAX_COMMENT_BYTES ? full : plain;
}

/** hpckit's part of a stored comment (before the first space), if hpckit put one there. */
function ownPart(comment: string | undefined): string | undefined {
  if (!comment?.startsWith(PREFIX)) return undefined;
  const end = comment.indexOf(' ');
  return comment.slice(PREFIX.length, end < 0 ? undefined : end);
}

/** The token key in a stored comment, if hpckit put one there. */
export function tokenOf(comment: string | undefined): string | undefined {
  return ownPart(comment)?.split(';')[0];
}

/** The output patterns recorded in a stored comment; empty when none were (or it is not hpckit's). */
export function outputsOf(comment: string | undefined): RecordedOutputs {
  const found: RecordedOutputs = {};
  for (const field of ownPart(comment)?.split(';').slice(1) ?? []) {
    const value = decodePattern(field.slice(2));
    if (value === undefined) continue;
    if (field.startsWith('o=')) found.stdout = value;
    else if (field.startsWith('e=')) found.stderr = value;
  }
  return found;
}

/** The caller's own comment, without hpckit's token. */
export function userComment(comment: string | undefined): string | undefined {
  if (!comment?.startsWith(PREFIX)) return comment;
  const end = comment.indexOf(' ');
  return end < 0 ? undefined : comment.slice(end + 1);
}

// Paths are mostly plain; only what would end hpckit's part, split it or not survive a text column
// is escaped, so a usual path costs no more bytes of Slurm's 1024 than its own.
function encodePattern(pattern: string): string {
  return pattern.replace(/[^A-Za-z0-9._~/@+=:,!*'()[\]-]/gu, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      // A lone surrogate has no UTF-8 form; it cannot be a real file name's.
      return '%EF%BF%BD';
    }
  });
}

function decodePattern(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    // Written by someone else (`scontrol update comment=`): not a record to trust.
    return undefined;
  }
}
