import { ParseError } from '@hpckit/core';
import { z } from 'zod';
import { appRules } from '../errors/app-rules.js';

/** What the job writes to `connection.json` once it has a host, port and token. */
export const ConnectionFileSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  secret: z.string().min(32, { error: appRules.error('short_secret') }),
  /** The job that wrote the file (`$SLURM_JOB_ID`): a file naming another job is refused. */
  jobId: z.string().min(1),
});

/** The parsed connection file of a session. */
export type ConnectionFile = z.output<typeof ConnectionFileSchema>;

// What each field must be, for messages that never quote the file (it holds the secret).
const EXPECTED: Record<keyof ConnectionFile, string> = {
  host: 'a host name or IP address',
  port: 'a whole number from 1 to 65535',
  secret: 'text of at least 32 characters',
  jobId: "the session's job id",
};

/**
 * Parses a connection file.
 *
 * @throws `PARSE` naming the path and each wrong or missing field (never quoting the file, which
 * holds the secret) when it is not what a session writes.
 */
export function parseConnectionFile(text: string, path: string): ConnectionFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refused(text, path, 'is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw refused(text, path, 'is not a JSON object');
  }
  const parsed = ConnectionFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0]) as keyof ConnectionFile))];
  const given = json as Record<string, unknown>;
  const problems = fields.map((field) => {
    if (!(field in given)) return `field "${field}" is missing`;
    return given[field] === '' ? `field "${field}" is empty` : `field "${field}" is not ${EXPECTED[field]}`;
  });
  throw refused(text, path, problems.join('; '));
}

function refused(text: string, path: string, problem: string): ParseError {
  return new ParseError({
    // The raw text holds the secret: keep it out of the error.
    details: { raw: `${text.length} characters`, what: `connection file ${path}` },
    message: `the connection file ${path} is not valid: ${problem} (expected JSON with host, port, secret and jobId)`,
    hint: "the app's script may have overwritten it; look at output.log in the session directory",
  });
}
