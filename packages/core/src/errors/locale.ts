/** Locales the message catalogue covers. */
export type Locale = 'en' | 'zh-CN';
