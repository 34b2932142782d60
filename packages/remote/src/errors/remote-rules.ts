import { defineIssueRules, type IssueWording } from '@hpckit/core';

const q = (text: string | undefined) => text ?? '?';

const PATH_PROBLEMS_EN: Record<string, string> = {
  not_a_directory: 'is not a directory',
  is_a_directory: 'is a directory',
  directory_not_empty: 'is a directory that is not empty',
  not_a_regular_file: 'is not a regular file',
  too_big: 'is too big',
  leads_outside: 'leads outside the home directory through a symbolic link',
};

const PATH_PROBLEMS_ZH: Record<string, string> = {
  not_a_directory: '不是目录',
  is_a_directory: '是目录',
  directory_not_empty: '目录不为空',
  not_a_regular_file: '不是普通文件',
  too_big: '太大',
  leads_outside: '通过符号链接指向主目录之外',
};

const en = {
  control_not_json: () => 'a text frame must be one JSON control message (send keystrokes as binary frames)',
  not_a_session_source: () =>
    'must be an SSH transport (sshTransport of @hpckit/transport) or have a session(user) method',
  terminal_type: () => 'a terminal type is letters, digits and . _ + -',
  program_name_required: () => 'give at least the program name',
  home_absolute: () => 'home must be an absolute path',
  not_job_output_files: () =>
    'must be a file system (sftpFileSystem or localFileSystem) or a function (user) => file system',
  max_bytes_whole: () => 'maxBytes must be a whole number of bytes',
  start_whole: () => 'start must be a whole byte offset',
  no_interpreter_line: (f) => `${q(f.value)} does not start with an interpreter line such as "#!/bin/bash"`,
  path_empty: () => 'a path must be a non-empty string',
  path_nul: () => 'a path cannot contain a NUL byte',
  path_climbs: (f) =>
    `the relative path ${q(f.value)} climbs above the home directory ${q(f.item)}; use an absolute path`,
  path_outside: (f) => `${q(f.value)} is outside ${q(f.item)}`,
  path_problem: (f) => `${q(f.value)} ${PATH_PROBLEMS_EN[q(f.text)] ?? `has the problem ${q(f.text)}`}`,
  not_a_file_system: () => 'must be a file system (sftpFileSystem or localFileSystem of @hpckit/remote)',
  shell_host: () => 'a host name is 1 to 64 letters, digits, dots and hyphens',
  shell_not_found: (f) => `${q(f.value)}: command not found; type help for the commands`,
  shell_unterminated_quote: (f) => `the quote ${q(f.value)} is not closed`,
  shell_exit_code: () => 'exit: the code is a whole number from 0 to 255',
  shell_binary: (f) => `${q(f.value)}: not a text file, not shown`,
  shell_truncated: (f) => `(only the first ${q(f.value)} bytes are shown)`,
  shell_help: () =>
    [
      'A minimal shell over your home directory (no programs run):',
      '  pwd, cd [dir], ls [-a] [path…], cat file…, echo text…, whoami, stty size, clear, help, exit [code]',
      'Quote names with spaces: \'my file\' or "my file". Paths stay inside your home.',
    ].join('\n'),
} satisfies Record<string, IssueWording>;

const zhCn: Record<keyof typeof en, IssueWording> = {
  control_not_json: () => '文本帧应为一条 JSON 控制消息（按键请以二进制帧发送）',
  not_a_session_source: () => '应为 SSH 传输（@hpckit/transport 的 sshTransport），或具有 session(user) 方法',
  terminal_type: () => '终端类型只能由字母、数字和 . _ + - 组成',
  program_name_required: () => '请至少给出程序名',
  home_absolute: () => 'home 应为绝对路径',
  not_job_output_files: () => '应为文件系统（sftpFileSystem 或 localFileSystem），或函数 (user) => 文件系统',
  max_bytes_whole: () => 'maxBytes 应为整数字节数',
  start_whole: () => 'start 应为整数字节偏移',
  no_interpreter_line: (f) => `${q(f.value)} 不以解释器行（例如 "#!/bin/bash"）开头`,
  path_empty: () => '路径应为非空字符串',
  path_nul: () => '路径不能包含 NUL 字节',
  path_climbs: (f) => `相对路径 ${q(f.value)} 越出了主目录 ${q(f.item)}；请使用绝对路径`,
  path_outside: (f) => `${q(f.value)} 不在 ${q(f.item)} 之内`,
  path_problem: (f) => `${q(f.value)}：${PATH_PROBLEMS_ZH[q(f.text)] ?? q(f.text)}`,
  not_a_file_system: () => '应为文件系统（@hpckit/remote 的 sftpFileSystem 或 localFileSystem）',
  shell_host: () => '主机名应为 1 到 64 个字母、数字、点或连字符',
  shell_not_found: (f) => `${q(f.value)}：找不到命令；输入 help 查看可用命令`,
  shell_unterminated_quote: (f) => `引号 ${q(f.value)} 没有闭合`,
  shell_exit_code: () => 'exit：退出码应为 0 到 255 之间的整数',
  shell_binary: (f) => `${q(f.value)}：不是文本文件，不显示`,
  shell_truncated: (f) => `（只显示前 ${q(f.value)} 字节）`,
  shell_help: () =>
    [
      '一个只访问您主目录的简易 shell（不运行任何程序）：',
      '  pwd、cd [目录]、ls [-a] [路径…]、cat 文件…、echo 文本…、whoami、stty size、clear、help、exit [退出码]',
      '含空格的名称请加引号：\'my file\' 或 "my file"。路径只能在主目录之内。',
    ].join('\n'),
};

/** What the package validates, named in English ("Invalid payment: …"). */
const subjectsEn = {
  path: () => 'path',
  local_file_system_options: () => 'local file system options',
  read_stream_options: () => 'read stream options',
  sftp_file_system_options: () => 'SFTP file system options',
  script_file: () => 'script file',
  shell_options: () => 'shell options',
  terminal_size: () => 'terminal size',
  command: () => 'command',
  terminal_control_message: () => 'terminal control message',
  readfile_options: () => 'readFile options',
  preview_options: () => 'preview options',
  job_output_source_options: () => 'job output source options',
  file_system_shell_options: () => 'file system shell options',
} satisfies Record<string, IssueWording>;

const subjectsZhCn: Record<keyof typeof subjectsEn, IssueWording> = {
  path: () => '路径',
  local_file_system_options: () => '本地文件系统选项',
  read_stream_options: () => '读取流选项',
  sftp_file_system_options: () => 'SFTP 文件系统选项',
  script_file: () => '脚本文件',
  shell_options: () => 'shell 选项',
  terminal_size: () => '终端尺寸',
  command: () => '命令',
  terminal_control_message: () => '终端控制消息',
  readfile_options: () => 'readFile 的选项',
  preview_options: () => 'preview 的选项',
  job_output_source_options: () => 'jobOutputSource 的选项',
  file_system_shell_options: () => 'fileSystemShell 的选项',
};

/** The validation rules of `@hpckit/remote`, worded in every locale. */
export const remoteRules = defineIssueRules(
  'remote',
  { en, 'zh-CN': zhCn },
  { en: subjectsEn, 'zh-CN': subjectsZhCn },
);
