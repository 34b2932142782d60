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
const EXPECTED: Record<keyof ConnectionFile, Words> = {
  host: { en: 'a host name or IP address', zh: '主机名或 IP 地址' },
  port: { en: 'a whole number from 1 to 65535', zh: '1 到 65535 之间的整数' },
  secret: { en: 'text of at least 32 characters', zh: '至少 32 个字符的文本' },
  jobId: { en: "the session's job id", zh: '该会话的作业编号' },
};

/** A problem in English and Chinese: the error's message and its `translations`. */
interface Words {
  en: string;
  zh: string;
}

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
    throw refused(text, path, [{ en: 'is not JSON', zh: '不是 JSON' }]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw refused(text, path, [{ en: 'is not a JSON object', zh: '不是 JSON 对象' }]);
  }
  const parsed = ConnectionFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0]) as keyof ConnectionFile))];
  const given = json as Record<string, unknown>;
  const problems = fields.map((field): Words => {
    if (!(field in given)) return { en: `field "${field}" is missing`, zh: `缺少字段 "${field}"` };
    return given[field] === ''
      ? { en: `field "${field}" is empty`, zh: `字段 "${field}" 为空` }
      : {
          en: `field "${field}" is not ${EXPECTED[field].en}`,
          zh: `字段 "${field}" 不是${EXPECTED[field].zh}`,
        };
  });
  throw refused(text, path, problems);
}

function refused(text: string, path: string, problems: Words[]): ParseError {
  const en = problems.map((p) => p.en).join('; ');
  const zh = problems.map((p) => p.zh).join('；');
  return new ParseError({
    // The raw text holds the secret: keep it out of the error.
    details: { raw: `${text.length} characters`, what: `connection file ${path}` },
    message: `the connection file ${path} is not valid: ${en} (expected JSON with host, port, secret and jobId)`,
    hint: "the app's script may have overwritten it; look at output.log in the session directory",
    translations: {
      'zh-CN': `连接文件 ${path} 无效：${zh}（应为包含 host、port、secret 和 jobId 的 JSON）。应用的脚本可能覆盖了它；请查看会话目录中的 output.log。`,
    },
  });
}
