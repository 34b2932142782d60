import { ParseError } from '@hpckit/core';
import { z } from 'zod';

/** What the job writes to `connection.json` once it has a host, port and token. */
export const ConnectionFileSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  secret: z.string().min(32, 'the session secret is at least 32 characters'),
  jobId: z.string().optional(),
});

/** The parsed connection file of a session. */
export type ConnectionFile = z.output<typeof ConnectionFileSchema>;

/** Parses a connection file. @throws `PARSE` with the path when it is not what a session writes. */
export function parseConnectionFile(text: string, path: string): ConnectionFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = ConnectionFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new ParseError({
    // The raw text holds the secret: keep it out of the error.
    details: { raw: `${text.length} characters`, what: `connection file ${path}` },
    message: `the connection file ${path} is not valid (expected JSON with host, port and secret)`,
    hint: "the app's script may have overwritten it; look at output.log in the session directory",
  });
}
