/**
 * The idempotency token hpckit stores at the start of a job's comment (`hpckit:<key>`), so a
 * submission whose answer was lost can be found instead of submitted twice. The first space ends
 * the token: core refuses keys with whitespace, so a key always reads back whole.
 */
const PREFIX = 'hpckit:';

/** The comment text for a submission: the token, then the caller's own comment. */
export function commentWithToken(key: string, comment: string | undefined): string {
  return comment ? `${PREFIX}${key} ${comment}` : `${PREFIX}${key}`;
}

/** The token key in a stored comment, if hpckit put one there. */
export function tokenOf(comment: string | undefined): string | undefined {
  if (!comment?.startsWith(PREFIX)) return undefined;
  const end = comment.indexOf(' ');
  return comment.slice(PREFIX.length, end < 0 ? undefined : end);
}

/** The caller's own comment, without hpckit's token. */
export function userComment(comment: string | undefined): string | undefined {
  if (!comment?.startsWith(PREFIX)) return comment;
  const end = comment.indexOf(' ');
  return end < 0 ? undefined : comment.slice(end + 1);
}
