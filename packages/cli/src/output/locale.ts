import type { Locale } from '@hpckit/core';

/** The locale of the messages: `--lang`, else `zh-CN` when `LC_ALL`, `LC_MESSAGES` or `LANG` is Chinese. */
export function localeOf(lang: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  const chosen = lang ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(chosen) ? 'zh-CN' : 'en';
}
