import { defineIssueRules, type IssueWording } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';
const listEn = (names: string[] | undefined) => (names?.length ? names.join(', ') : 'none');
const listZh = (names: string[] | undefined) => (names?.length ? names.join('、') : '无');

const en = {
  prelude_empty: () => 'must not be empty or only whitespace: leave scriptPrelude out instead',
  not_an_attribute: (f) =>
    `"${q(f.value)}" is not an attribute of the base app (its attributes: ${listEn(f.names)})`,
  not_a_field: (f) => `"${q(f.value)}" is not a field of app "${q(f.item)}" (its fields: ${listEn(f.names)})`,
  field_required: (f) => `"${q(f.value)}" is required`,
  field_not_a_number: (f) => `must be a number, got ${q(f.value)}`,
  field_not_whole: (f) =>
    `must be a whole number${f.text ? ` (it sets the job's ${f.text})` : ''}, got ${q(f.value)}`,
  field_below_min: (f) => `must be at least ${q(String(f.minimum))}, got ${q(f.value)}`,
  field_above_max: (f) => `must be at most ${q(String(f.maximum))}, got ${q(f.value)}`,
  field_not_text: (f) => `must be text, got ${q(f.value)}`,
  field_one_line: () => 'must be one line without control characters',
  field_not_an_option: (f) =>
    `"${q(f.value)}" is not one of ${(f.names ?? []).map((n) => `"${n}"`).join(', ')}`,
  base_dir_control: () => 'must be one line without control characters',
  base_dir_absolute: (f) =>
    `"${q(f.value)}" is absolute: give a path relative to the home, e.g. ".hpckit/apps"`,
  base_dir_dotdot: (f) => `"${q(f.value)}" has a ".." segment, which would leave the home: remove it`,
  base_dir_empty_segment: (f) =>
    `"${q(f.value)}" has an empty or "." segment (a trailing "/", "//" or "./"): write it as "${q(f.item)}"`,
  not_a_client: () => 'must be an hpckit client, e.g. createClient({ … }).as(user)',
  not_session_files: () => 'must implement SessionFiles, e.g. commandSessionFiles(transport, user)',
  not_a_function: () => 'must be a function',
  short_secret: () => 'the session secret is at least 32 characters',
  not_a_header_name: () => 'must be a header name',
  not_a_cookie_name: () => 'must be a cookie name',
  base_path_form: (f) =>
    `"${q(f.value)}" is not a URL path for the proxy: start and end it with "/", use letters, digits, "-", "_", ".", "~" and "{{session}}", e.g. "/apps/{{session}}/proxy/"`,
  not_a_server_path: (f) =>
    `${q(f.value)} is not a path on the session's server: give the request's path and query, starting with "/"`,
  // A refusal the mock harness words itself (errorText), and in `<rule>_hint` the way out.
  no_free_port: (f) => `No free port on 127.0.0.1 in ${q(f.value)} after ${f.count ?? '?'} tries.`,
  no_free_port_hint: () => "Give the app a wider portRange, or free some of this machine's ports.",
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  no_free_port: (f) => `在 127.0.0.1 的 ${q(f.value)} 中尝试 ${f.count ?? '?'} 次后仍没有空闲端口。`,
  no_free_port_hint: () => '请给应用更宽的 portRange，或释放本机的一些端口。',
  prelude_empty: () => '不能为空或只有空白：不需要时请省略 scriptPrelude',
  not_an_attribute: (f) => `“${q(f.value)}”不是基础应用的属性（它的属性：${listZh(f.names)}）`,
  not_a_field: (f) => `“${q(f.value)}”不是应用“${q(f.item)}”的字段（它的字段：${listZh(f.names)}）`,
  field_required: (f) => `“${q(f.value)}”为必填项`,
  field_not_a_number: (f) => `应为数字，实际为 ${q(f.value)}`,
  field_not_whole: (f) => `应为整数${f.text ? `（它设置作业的 ${f.text}）` : ''}，实际为 ${q(f.value)}`,
  field_below_min: (f) => `至少应为 ${q(String(f.minimum))}，实际为 ${q(f.value)}`,
  field_above_max: (f) => `最大为 ${q(String(f.maximum))}，实际为 ${q(f.value)}`,
  field_not_text: (f) => `应为文本，实际为 ${q(f.value)}`,
  field_one_line: () => '应为单行，且不能包含控制字符',
  field_not_an_option: (f) =>
    `“${q(f.value)}”不是可选项之一：${(f.names ?? []).map((n) => `"${n}"`).join('、')}`,
  base_dir_control: () => '应为单行，且不能包含控制字符',
  base_dir_absolute: (f) => `“${q(f.value)}”是绝对路径：请给出相对于主目录的路径，例如 ".hpckit/apps"`,
  base_dir_dotdot: (f) => `“${q(f.value)}”含有 ".." 段，会离开主目录：请去掉它`,
  base_dir_empty_segment: (f) =>
    `“${q(f.value)}”含有空段或 "." 段（末尾的 "/"、"//" 或 "./"）：请写成 "${q(f.item)}"`,
  not_a_client: () => '应为 hpckit 客户端，例如 createClient({ … }).as(user)',
  not_session_files: () => '应实现 SessionFiles，例如 commandSessionFiles(transport, user)',
  not_a_function: () => '应为函数',
  short_secret: () => '会话密钥至少 32 个字符',
  not_a_header_name: () => '应为 HTTP 头名称',
  not_a_cookie_name: () => '应为 Cookie 名称',
  base_path_form: (f) =>
    `“${q(f.value)}”不是代理可用的 URL 路径：请以 "/" 开头和结尾，只用字母、数字、"-"、"_"、"."、"~" 和 "{{session}}"，例如 "/apps/{{session}}/proxy/"`,
  not_a_server_path: (f) => `${q(f.value)} 不是会话服务器上的路径：请给出请求的路径和查询，以 "/" 开头`,
};

/** What the package validates, named in English ("Invalid payment: …"). */
const subjectsEn = {
  app_definition: () => 'app definition',
  app_extension: () => 'app extension',
  session_files: () => 'session files',
  simulated_server_options: () => 'simulated server options',
  app: () => 'app',
  app_sessions_options: () => 'app sessions options',
  upstream_headers_options: () => 'upstream headers options',
  downstream_headers_options: () => 'downstream headers options',
  upstream_request_target: () => 'upstream request target',
  waitready_options: () => 'waitReady options',
  form_of_app: (f) => `form of app "${q(f.value)}"`,
} satisfies Record<string, IssueWording>;

const subjectsZhCn: Record<keyof typeof subjectsEn, IssueWording> = {
  app_definition: () => '应用定义',
  app_extension: () => '应用扩展',
  session_files: () => '会话文件',
  simulated_server_options: () => '模拟服务器选项',
  app: () => '应用',
  app_sessions_options: () => '应用会话选项',
  upstream_headers_options: () => '上游请求头选项',
  downstream_headers_options: () => '下游响应头选项',
  upstream_request_target: () => '上游请求目标',
  waitready_options: () => 'waitReady 的选项',
  form_of_app: (f) => `应用“${q(f.value)}”的表单`,
};

/** The validation rules of `@hpckit/apps`, worded in every locale. */
export const appRules = defineIssueRules(
  'apps',
  { en, 'zh-CN': zhCn },
  { en: subjectsEn, 'zh-CN': subjectsZhCn },
);
