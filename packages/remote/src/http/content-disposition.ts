/**
 * The `Content-Disposition` header that serves a file as a download named `name` (RFC 6266): an
 * ASCII `filename` every browser reads, with anything that could end the quoted string or the
 * header (quotes, backslashes, control characters such as newlines) and any non-ASCII character
 * replaced by `_`, and the exact name as `filename*` (UTF-8, percent-encoded) for browsers that
 * read it. A file's name on a cluster is any bytes but `/` and NUL, so it is never put in a
 * header as it is.
 *
 * @example
 * ```ts
 * import { attachmentDisposition } from '@hpckit/remote';
 * attachmentDisposition('结果 "final".txt');
 * // 'attachment; filename="__ _final_.txt"; filename*=UTF-8\'\'%E7%BB%93%E6%9E%9C%20%22final%22.txt'
 * ```
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/gu, '_') || 'download';
  const exact = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
