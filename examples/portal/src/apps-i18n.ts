import type { Locale } from '@hpckit/core';

// The apps screens' own labels. An app's form labels come from its definition (in English); the
// site words the fields of the apps it offers in Chinese here, by field name and option value.
const en = {
  apps: 'Interactive apps',
  launch: 'Launch',
  mySessions: 'My sessions',
  noSessions: 'No sessions.',
  session: 'Session',
  app: 'App',
  created: 'Created',
  state: 'State',
  job: 'Job',
  connect: 'Connect',
  starting: 'Starting: this page reloads until the app answers.',
  ready: 'Ready.',
  ended: 'This session has ended.',
  cancel: 'Cancel the session',
  newSession: 'New session',
};

const zh: typeof en = {
  apps: '交互式应用',
  launch: '启动',
  mySessions: '我的会话',
  noSessions: '没有会话。',
  session: '会话',
  app: '应用',
  created: '创建时间',
  state: '状态',
  job: '作业',
  connect: '连接',
  starting: '正在启动：本页会自动刷新，直到应用响应。',
  ready: '已就绪。',
  ended: '此会话已结束。',
  cancel: '取消会话',
  newSession: '新会话',
};

/** Chinese names of the built-in apps' fields and options; English comes from the definition. */
const zhFields: Record<string, string> = {
  partition: '分区',
  account: '账户',
  hours: '小时数',
  cores: 'CPU 核数',
  directory: '目录',
  command: '命令',
  'partition=cpu': 'CPU 节点',
  'partition=gpu': 'GPU 节点（一块 GPU）',
  'partition=fat': '大内存节点',
};

/** The apps screens' labels in a language. */
export type AppLabels = typeof en;

/** The apps screens' labels in `locale`. */
export const appLabelsFor = (locale: Locale): AppLabels => (locale === 'zh-CN' ? zh : en);

/** A form field's (or `field=value` option's) label in `locale`, else the definition's. */
export const fieldLabel = (locale: Locale, key: string, fallback: string): string =>
  (locale === 'zh-CN' ? zhFields[key] : undefined) ?? fallback;
