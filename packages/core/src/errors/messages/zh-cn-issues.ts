import type { ValidationIssue, ValidationIssueFacts } from '../details.js';
import { named } from './catalogue.js';
import type { SubjectName } from './en-issues.js';
import { registeredRuleWording, registeredSubjectWording } from './issue-rule-sets.js';
import { issueRulesZhCn, subjectsZhCn } from './zh-cn-issue-rules.js';

/** zod's type and origin names in Chinese. */
const TYPES: Record<string, string> = {
  string: '字符串',
  number: '数字',
  nan: 'NaN',
  infinity: '无穷大',
  int: '整数',
  bigint: '大整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  set: '集合',
  map: '映射',
  date: '日期',
  file: '文件',
  function: '函数',
  symbol: '符号',
  null: '空值（null）',
  undefined: '未定义（undefined）',
  never: '不存在的值',
};

/** String formats zod checks, in Chinese. */
const FORMATS: Record<string, string> = {
  email: '电子邮件地址',
  url: 'URL',
  uuid: 'UUID',
  datetime: 'ISO 日期时间',
  date: 'ISO 日期',
  time: 'ISO 时间',
  duration: 'ISO 时长',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  cidrv4: 'IPv4 网段',
  cidrv6: 'IPv6 网段',
  base64: 'base64 字符串',
  base64url: 'base64url 字符串',
  json_string: 'JSON 字符串',
};

/** What a size bound counts, per origin: characters of a string, items of an array. */
const COUNTED: Record<string, string> = {
  string: '个字符',
  array: '项',
  set: '项',
  map: '项',
  file: '字节',
};

const type = (name: string | undefined) => named(TYPES, name ?? '?');
const list = (items: string[] | undefined) => (items ?? []).join('、');

function bounded(f: ValidationIssueFacts, least: boolean): string {
  const limit = least ? f.minimum : f.maximum;
  const counted = f.origin === undefined ? undefined : COUNTED[f.origin];
  if (counted !== undefined) {
    return `${least ? '至少' : '最多'}应有 ${limit} ${counted}${f.inclusive === false ? `（不含 ${limit}）` : ''}`;
  }
  const sign = least ? (f.inclusive === false ? '>' : '≥') : f.inclusive === false ? '<' : '≤';
  return `应 ${sign} ${limit}`;
}

function formatted(f: ValidationIssueFacts): string {
  switch (f.format) {
    case 'regex':
      return `格式无效，应匹配 ${f.pattern ?? '?'}`;
    case 'starts_with':
      return `应以 "${f.text ?? ''}" 开头`;
    case 'ends_with':
      return `应以 "${f.text ?? ''}" 结尾`;
    case 'includes':
      return `应包含 "${f.text ?? ''}"`;
    default:
      return `不是有效的${named(FORMATS, f.format ?? '格式')}`;
  }
}

/**
 * One validation issue in Chinese: worded from its facts when zod's generic text described it,
 * else the issue's own message (text a schema wrote, which carries no facts to word).
 */
export function issueZhCn(issue: ValidationIssue): string {
  const f = issue.facts;
  if (f === undefined) return issue.message;
  if (f.rule !== undefined) {
    if (Object.hasOwn(issueRulesZhCn, f.rule))
      return issueRulesZhCn[f.rule as keyof typeof issueRulesZhCn](f);
    return registeredRuleWording(f.rule, 'zh-CN')?.(f) ?? issue.message;
  }
  switch (issue.code) {
    case 'invalid_type':
      if (f.expected === 'number' && f.received === 'infinity') return '应为有限的数字，实际为无穷大';
      return `应为${type(f.expected)}，实际为${type(f.received)}${f.examples?.length ? `；请写成 ${f.examples.join(' 或 ')}` : ''}`;
    case 'too_small':
      return bounded(f, true);
    case 'too_big':
      return bounded(f, false);
    case 'invalid_value':
      return f.values?.length === 1 ? `应为 ${f.values[0]}` : `应为以下之一：${list(f.values)}`;
    case 'unrecognized_keys':
      return `不认识的键：${list(f.keys?.map((k) => `"${k}"`))}`;
    case 'invalid_format':
      return formatted(f);
    case 'not_multiple_of':
      return `应为 ${f.divisor} 的倍数`;
    case 'invalid_union':
      return '不符合任何一种允许的形式';
    case 'invalid_key':
      return `${type(f.origin)}中有无效的键`;
    case 'invalid_element':
      return `${type(f.origin)}中有无效的值`;
    default:
      return '输入无效';
  }
}

/** What was invalid, in Chinese: a named subject's words, else the subject as written. */
export function subjectZhCn(d: { subject: string; subjectFacts?: ValidationIssueFacts }): string {
  const f = d.subjectFacts;
  if (f?.rule === undefined) return d.subject;
  if (Object.hasOwn(subjectsZhCn, f.rule)) return subjectsZhCn[f.rule as SubjectName](f);
  return registeredSubjectWording(f.rule, 'zh-CN')?.(f) ?? d.subject;
}
