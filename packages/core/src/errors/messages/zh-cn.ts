import { type MessageCatalogue, named } from './catalogue.js';
import { policyZhCn, refusalHintsZhCn } from './zh-cn-policy.js';
import { violationsZhCn } from './zh-cn-violations.js';
import { issueZhCn, subjectZhCn } from './zh-cn-issues.js';

const KINDS: Record<string, string> = {
  job: '作业',
  account: '账户',
  membership: '成员关系',
  user: '用户',
  file: '文件',
  directory: '目录',
  app: '应用',
  'app session': '应用会话',
  partition: '分区',
  qos: 'QoS',
  'running server': '运行中的服务器',
  'connection file': '连接文件',
};

const FILE_OPERATIONS: Record<string, string> = {
  list: '列出',
  stat: '查看',
  read: '读取',
  write: '写入',
  mkdir: '创建目录',
  delete: '删除',
  rename: '重命名',
  copy: '复制',
  chmod: '修改权限',
  upload: '上传',
  download: '下载',
  use: '使用',
};

const FILE_TYPES: Record<string, string> = {
  'a FIFO': '命名管道（FIFO）',
  'a FIFO or device': '命名管道或设备',
  'a character device': '字符设备',
  'a block device': '块设备',
  'a symlink': '符号链接',
  'a socket': '套接字',
};

/** Job phases and outcomes as app-session messages name them. */
const JOB_WORDS: Record<string, string> = {
  queued: '排队中',
  held: '被保留',
  running: '运行中',
  suspended: '已暂停',
  completing: '正在结束',
  ended: '已结束',
  completed: '已完成',
  failed: '失败',
  cancelled: '已取消',
  timeout: '超时',
  out_of_memory: '内存不足',
  node_fail: '节点故障',
  preempted: '被抢占',
  boot_fail: '启动失败',
  deadline: '超过截止时间',
  unknown: '未知',
};

const ssh = '请检查主机是否可达、sshd 是否在运行；读操作会自动重试。';
const noBorrowing = '只为门户的最终用户代理执行：无论 sudoers 如何配置，都不会代理 root 和服务账户。';

/** Chinese text ends with a full stop; quoted English may end with its own. */
const end = (text: string) => (/[。.!?！？]$/.test(text) ? text : `${text}。`);
const kind = (k: string) => named(KINDS, k);
/** A name in Latin letters (`Slurm`, `squeue`) followed by a space before Chinese, or the Chinese fallback. */
const spaced = (name: string | undefined, fallback: string) => (name ? `${name} ` : fallback);
/** An operation (`read`, or `read /home/alice/x`) with its verb in Chinese. */
const operation = (op: string | undefined) => {
  if (op === undefined) return '该操作';
  const [verb = '', ...rest] = op.split(' ');
  return [named(FILE_OPERATIONS, verb), ...rest].join(' ');
};
const where = (d: { login?: string; host?: string }) =>
  d.login && d.host ? `${d.login}@${d.host}` : (d.host ?? '主机');
const refusesToActAs = (user: string | undefined, why: string) =>
  `传输层拒绝以“${user ?? '?'}”的身份执行：${why}。`;
const fileProblem = (d: { operation?: string; path?: string }, what: string) =>
  `${operation(d.operation)}：${d.path ?? '?'} ${what}`;
const jobWord = (w: string | undefined) => (w === undefined ? '?' : named(JOB_WORDS, w));
const jobEnded = (d: { jobState?: string; outcome?: string }) =>
  d.jobState === 'ended' ? `已结束（${jobWord(d.outcome)}）` : `处于“${jobWord(d.jobState)}”状态`;
const outputLog = (d: { directory?: string }) => `${d.directory ?? '会话目录'}/output.log`;

/** Simplified Chinese messages, rendered by `formatError(err, { locale: 'zh-CN' })`. */
export const messagesZhCn: MessageCatalogue = {
  codes: {
    VALIDATION: {
      summary: (d) =>
        `${subjectZhCn(d)}无效：${d.issues
          .map((i) => (i.path.length ? `"${i.path.join('.')}"：${issueZhCn(i)}` : issueZhCn(i)))
          .join('；')}。`,
    },
    NOT_FOUND: {
      summary: (d) =>
        `未找到${kind(d.kind)}“${d.id}”${d.program && d.nativeMessage ? `（${d.program}：${d.nativeMessage}）` : ''}。`,
      hint: () => '请检查名称或编号，以及它是否属于该集群。',
    },
    ALREADY_EXISTS: {
      summary: (d) => `${kind(d.kind)}“${d.id}”已存在。`,
      hint: () => '请使用已有的，或换一个名称。',
    },
    PERMISSION_DENIED: {
      summary: (d) =>
        d.nativeMessage !== undefined
          ? `${spaced(d.scheduler, '调度器')}拒绝了 ${d.program ?? d.action}：${end(d.nativeMessage)}`
          : `${d.user ? `用户“${d.user}”` : ''}无权执行操作：${d.action}${d.missingRole ? `（需要角色“${d.missingRole}”）` : ''}。`,
      hint: () => '请联系管理员授予所需权限。',
    },
    POLICY_VIOLATION: {
      summary: (d) =>
        d.nativeMessage !== undefined
          ? `${spaced(d.scheduler, '调度器')}拒绝了该作业（${d.nativeReason ?? d.reason}）：${end(d.nativeMessage)}`
          : policyZhCn[d.reason](d),
      hint: (d) => (d.nativeMessage !== undefined ? refusalHintsZhCn[d.reason](d) : undefined),
    },
    SCHEDULER_UNAVAILABLE: {
      summary: (d) =>
        d.nativeMessage !== undefined
          ? `${spaced(d.scheduler, '调度器')}没有响应 ${d.program ?? '该命令'}：${end(d.nativeMessage)}`
          : `${d.cluster ? `集群“${d.cluster}”的` : ''}调度器没有响应。`,
      hint: (d) =>
        d.nativeMessage !== undefined ? '控制器繁忙或已停止；几秒后可以重试。' : '通常是暂时的，请稍后重试。',
    },
    TRANSPORT: {
      summary: (d) => `无法连接调度器主机${d.host ? `“${d.host}”` : ''}。`,
      hint: () => '请检查连接设置以及主机是否在线。',
    },
    PARSE: {
      summary: (d) => `无法解析${d.what}。`,
      hint: () => '这可能是缺陷或不受支持的调度器版本，请附上 details.raw 中的原始文本报告。',
    },
    UNSUPPORTED: {
      summary: (d) => `适配器“${d.adapter}”不支持“${d.capability}”。`,
      hint: (d) => `调用前请先检查 client.capabilities()，“${d.capability}”被声明为不支持。`,
    },
    TIMEOUT: {
      summary: (d) => `操作“${d.operation}”未能在 ${d.timeoutMs} 毫秒内完成。`,
      hint: () => '请增大超时时间，或检查调度器为何响应缓慢。',
    },
    INTERNAL: {
      summary: (d) =>
        d.nativeMessage !== undefined
          ? `${d.operation} 意外失败：${end(d.nativeMessage)}`
          : `适配器在 ${d.operation} 中意外失败。`,
      hint: () => '这是适配器的缺陷，请附上错误的 cause 报告。',
    },
  },
  reasons: {
    VALIDATION: {
      option_refused: {
        summary: (d) =>
          `${spaced(d.program, '调度器')}在联系控制器之前拒绝了一个选项：${end(d.nativeMessage ?? '?')}`,
        hint: () => '请修正作业描述或其指令中的取值。',
      },
      unreadable_known_hosts: {
        hint: () =>
          "请将 hostKey.knownHosts 指向列出该主机的可读 known_hosts 文件（ssh-keyscan -p <端口> <主机> >> known_hosts），或固定指纹 hostKey: { fingerprints: ['SHA256:…'] }。",
      },
      unknown_host: {
        hint: () => '请检查 "host" 选项：应为 DNS 能解析的主机名或 IP 地址。',
      },
      unreadable_key_file: {
        hint: () =>
          '请将 privateKeyPath 指向门户进程可读取的现有密钥文件（权限 0600，属于门户用户），或直接以 privateKey 传入密钥。',
      },
      not_a_directory: {
        summary: (d) => `${fileProblem(d, '不是目录（或其某一级上级目录不是目录）')}。`,
        hint: () => '请指定一个目录。',
      },
      is_a_directory: {
        summary: (d) =>
          `${fileProblem(d, '是一个目录')}${d.within ? `（位于正在复制的目录 ${d.within} 之内）` : ''}。`,
        hint: () => '请指定一个文件，或使用 list() 或 { recursive: true }。',
      },
      directory_not_empty: {
        summary: (d) => `${fileProblem(d, '是一个非空目录')}。`,
        hint: () => '传入 { recursive: true } 以删除其全部内容。',
      },
      not_a_regular_file: {
        summary: (d) =>
          `${fileProblem(d, '不是普通文件')}${d.fileType ? `（${named(FILE_TYPES, d.fileType)}）` : ''}。`,
        hint: () =>
          '只读取普通文件（或指向普通文件的符号链接）：读取命名管道、套接字和设备可能阻塞或永不结束。',
      },
      too_big: {
        summary: (d) =>
          `${fileProblem(d, '太大')}${
            d.size !== undefined
              ? `（${d.size} 字节，上限 ${d.limit ?? '?'}）`
              : `（超过上限 ${d.limit ?? '?'} 字节）`
          }。`,
        hint: () => '请使用 createReadStream()、download() 或 preview()，或提高上限。',
      },
      leads_outside: {
        summary: (d) => `${fileProblem(d, '通过符号链接指向主目录之外')}。`,
        hint: () => '请直接指明主目录中的文件本身，而不是指向它的链接。',
      },
      not_a_script: {
        hint: () => '请在脚本第一行加上“#!/bin/bash”。',
      },
      invalid_path: {
        hint: (d) => `请检查路径 ${JSON.stringify(d.path ?? '')}。`,
      },
    },
    NOT_FOUND: {
      unknown_user: {
        summary: (d) =>
          `提交主机上没有用户“${d.id}”${
            d.program
              ? `（${d.nativeMessage ? `${d.program}：${d.nativeMessage}` : `${d.program} 未找到该用户`}）`
              : ''
          }。`,
        hint: (d) => `请检查用户名；该用户需要在提交主机上有账号（getent passwd ${d.id}）。`,
      },
      not_a_member: {
        summary: (d) => `用户“${d.user ?? '?'}”不是账户“${d.account ?? '?'}”的成员。`,
        hint: () => '请先将该用户加入账户（users.add），或检查名称。',
      },
      no_such_account: {
        summary: (d) => `${d.scheduler ? `${d.scheduler} 的记账系统中` : ''}不存在账户“${d.id}”。`,
        hint: () => '请检查名称，或先创建该账户（accounts.create）。',
      },
      outside_lookup_window: {
        summary: (d) =>
          `作业 ${d.id} 既不在队列中，也不在记账记录中${
            d.lookupWindowDays !== undefined ? `（已回溯查找 ${d.lookupWindowDays} 天）` : ''
          }。`,
        hint: () =>
          '请检查编号；早于查找时间窗口的作业不会被查找（适配器选项 idLookupWindow，例如 "730d"）。',
      },
      unknown_dependency: {
        summary: (d) => `${d.namedAt ? `${d.namedAt} 中指定的` : ''}作业“${d.id}”不存在。`,
        hint: () => '只能依赖该集群已知的作业；请检查编号。',
      },
      no_such_file: {
        summary: (d) => `${operation(d.operation)}：没有该文件或目录：${d.id}。`,
        hint: () => '请检查路径（相对路径从主目录开始），以及文件是否已被移动。',
      },
      not_visible: {
        hint: () => '请检查作业编号：你能看到自己的作业，以及记在你管理的账户上的作业。',
      },
      unregistered_app: {
        summary: (d) => `未注册应用“${d.id}”（已注册：${d.known?.length ? d.known.join('、') : '无'}）。`,
        hint: () => '请用 registry.add(definition) 注册它，或选择已注册的应用编号。',
      },
      server_not_running: {
        summary: (d) =>
          `会话 ${d.session ?? '?'} 没有运行中的服务器：其作业 ${d.sessionJob ?? '?'} ${d.jobState ? `处于“${jobWord(d.jobState)}”状态` : '未在运行'}。`,
        hint: (d) =>
          d.jobState === 'suspended'
            ? '该作业已暂停；请在它恢复运行后再连接。'
            : '请先用 sessions.waitReady(session) 等待。',
      },
      no_connection_file: {
        summary: (d) =>
          `会话 ${d.session ?? '?'} 还没有连接文件（作业 ${d.sessionJob ?? '?'} 尚未启动其服务器）。`,
        hint: () => '请先用 sessions.waitReady(session) 等待。',
      },
    },
    ALREADY_EXISTS: {
      already_a_member: {
        summary: (d) => `用户“${d.user ?? '?'}”已经是账户“${d.account ?? '?'}”的成员。`,
        hint: () => '无需再添加：该用户已可使用该账户。',
      },
      account_exists: {
        hint: () => '请换一个名称，或向已有账户添加用户（users.add）。',
      },
      file_exists: {
        summary: (d) => `${operation(d.operation)}：${d.id} 已存在。`,
        hint: () => '请换一个名称、先删除它，或传入 { overwrite: true }。',
      },
      app_registered: {
        summary: (d) => `应用“${d.id}”已注册。`,
        hint: () => '请换一个编号，或传入 { replace: true } 替换它。',
      },
    },
    PERMISSION_DENIED: {
      act_as_switch: {
        summary: (d) =>
          `传输层的身份无法通过 ${d.actAs ?? 'sudo'} 以${d.user ? `“${d.user}”` : '该用户'}的身份运行 ${
            d.program ?? '命令'
          }：${end(d.nativeMessage ?? '?')}`,
        hint: (d) =>
          d.actAs === 'su'
            ? 'su 只有以 root 运行时才不需要密码：请以 root 运行门户（localTransport）、以 root 登录（sshTransport），或使用 actAs { mode: "sudo" } 并配置 sudoers 规则。'
            : `请为服务账户配置 sudoers NOPASSWD 规则，允许其以${
                d.user ? `“${d.user}”` : '该用户'
              }的身份运行 Slurm 命令，并关闭 requiretty（sudo 以 -n 运行，从不提示输入密码）；参见 Slurm 指南中的“Acting for many users”。`,
      },
      act_as_root: {
        summary: (d) => refusesToActAs(d.user, '从不代理 root'),
        hint: () => noBorrowing,
      },
      act_as_own_login: {
        summary: (d) => refusesToActAs(d.user, '这是传输层自身的登录账号，任何用户都不能借用其权限'),
        hint: () => noBorrowing,
      },
      act_as_denied_user: {
        summary: (d) => refusesToActAs(d.user, '该用户在 actAs.denyUsers 中'),
        hint: () => '如果这是最终用户，请将其从 denyUsers 中移除。',
      },
      act_as_low_uid: {
        summary: (d) => refusesToActAs(d.user, `其 uid ${d.uid} 低于 actAs.minUid（${d.minUid}）`),
        hint: (d) =>
          d.uid === 0
            ? 'uid 0 就是换了名字的 root：永远不要代理它。'
            : '系统账号的 uid 较低；仅当这是最终用户时才降低 actAs.minUid。',
      },
      act_as_uid_unknown: {
        summary: (d) =>
          refusesToActAs(
            d.user,
            `无法确认其 uid（${d.command?.join(' ') ?? 'id -u'} 退出码 ${d.exitCode ?? '?'}：${d.nativeMessage || '无输出'}）`,
          ),
        hint: () =>
          '传输层只代理能够用 actAs.minUid 检查 uid 的用户；请让传输层身份可以运行 `id`，或设置 minUid: 0 跳过检查。',
      },
      credentials_mismatch: {
        summary: (d) =>
          `userCredentials("${d.user}") 返回的凭据以“${d.login}”登录；SSH 传输层拒绝以其他用户身份为“${d.user}”执行任何操作。`,
        hint: (d) => `请让 userCredentials 返回用户名为“${d.user}”的凭据。`,
      },
      not_owner: {
        hint: (d) => `只有作业所有者（“${d.owner ?? '?'}”）或管理员可以执行该操作。`,
      },
      raise_running_time_limit: {
        summary: (d) =>
          `用户“${d.user ?? '?'}”无权提高正在运行的作业${d.job === undefined ? '' : ` ${d.job} `}的运行时间上限。`,
        hint: () => '用户只能降低正在运行的作业的运行时间上限；如需提高，请联系管理员。',
      },
      file_permission: {
        summary: (d) => `用户“${d.user ?? '?'}”无权${operation(d.action)}（权限被拒绝）。`,
        hint: () => '请检查该文件及其各级上级目录的权限位。',
      },
    },
    TRANSPORT: {
      connect_failed: {
        summary: (d) => `无法连接到 ${where(d)}：${end(d.nativeMessage ?? '?')}`,
        hint: () => ssh,
      },
      login_refused: {
        summary: (d) => `SSH 登录 ${where(d)} 被拒绝（认证失败）。`,
        hint: () => '请检查凭据（用户名与密钥或密码），以及服务器是否接受它们。',
      },
      host_key_rejected: {
        summary: (d) =>
          `${d.host}:${d.port} 的主机密钥不在受信任的密钥之中（或已被吊销）；已拒绝连接，未发送任何凭据。`,
        hint: (d) => {
          const listed = d.port === 22 ? d.host : `[${d.host}]:${d.port}`;
          return `可能有人在冒充该主机（中间人攻击）：不要绕过此检查。如果主机密钥确实已更换（重装或轮换），请通过其他渠道向主机管理员获取新指纹，用 \`ssh-keyscan -p ${d.port} ${d.host} | ssh-keygen -lf -\` 比对，然后替换旧条目（\`ssh-keygen -R '${listed}' -f <known_hosts>\`，再添加核对过的密钥）或 hostKey 中固定的指纹。`;
        },
      },
      connection_closed: {
        summary: (d) => `到 ${where(d)} 的连接已关闭。`,
        hint: () => ssh,
      },
      channel_failed: {
        summary: (d) => `到 ${where(d)} 的通道出错：${end(d.nativeMessage ?? '?')}`,
        hint: () => ssh,
      },
      session_lost: {
        summary: (d) =>
          `${spaced(d.program, '命令')}在 ${where(d)} 上结束时没有退出状态（连接或会话已丢失）。`,
        hint: () => ssh,
      },
      output_limit: {
        summary: (d) =>
          `${spaced(d.program, '命令')}${d.host ? `在 ${d.host} 上` : ''}的输出超过 ${d.limit} 字节，已被停止。`,
        hint: () => '请缩小查询范围（更少的作业、更短的时间窗口），或提高 maxOutputBytes。',
      },
      queue_full: {
        summary: (d) =>
          `${spaced(d.program, '命令')}被拒绝：已有 ${d.limit} 条命令在等待 ${where(d)} 的通道。`,
        hint: () =>
          '连接已过载：请稍后重试，或提高 maxQueuedCommands（或 maxChannels，需低于 sshd 的 MaxSessions）。',
      },
      pool_full: {
        summary: (d) =>
          `${where(d)} 没有可用的 SSH 连接：连接池中全部 ${d.limit} 个连接（maxConnections）都在使用中。`,
        hint: () =>
          '请稍后重试（空闲连接会被关闭以腾出位置），或在登录节点允许更多会话时提高 maxConnections。',
      },
      spawn_failed: {
        summary: (d) => `无法运行 ${d.program ?? '该命令'}：${end(d.nativeMessage ?? '?')}`,
        hint: (d) =>
          d.errno === 'ENOENT' ? `请安装 Slurm 客户端命令，或将 ${d.program} 加入 PATH。` : undefined,
      },
      helper_shell_exited: {
        summary: (d) =>
          `运行 ${d.program ?? '该命令'} 的辅助 shell 在命令结束前退出：${end(d.nativeMessage ?? '?')}`,
        hint: () =>
          '请重试：下一条命令会启动新的辅助 shell。提交可能已经成功，请先按幂等键查找该作业（Slurm 适配器会自动查找）。',
      },
      sftp_channel_closed: {
        summary: (d) =>
          `${operation(d.operation)}：调用等待期间 SFTP 通道已关闭，原因：${end(d.nativeMessage ?? '?')}`,
        hint: () => '请重试：下一次调用会打开新的通道。',
      },
      sftp_failed: {
        summary: (d) => `${operation(d.operation)}：SFTP 通道出错：${end(d.nativeMessage ?? '?')}`,
      },
      shell_channel_failed: {
        summary: (d) => `无法打开到 ${where(d)} 的 shell 通道：${end(d.nativeMessage ?? '?')}`,
        hint: () => '服务器可能已达到 MaxSessions 上限；请关闭其他 shell，或降低传输层的 maxChannels。',
      },
      file_command_failed: {
        summary: (d) => `无法${operation(d.operation)}：${end(d.nativeMessage || '未知错误')}`,
        hint: () => '请检查该路径及用户对它的权限；上面的消息是该命令自己的输出。',
      },
      home_unknown: {
        summary: (d) =>
          `找不到${d.user ? `用户“${d.user}”` : '该用户'}的主目录：${end(d.nativeMessage || '未知错误')}`,
        hint: () => '请检查该用户在主机上是否存在、是否有主目录（登录环境中的 HOME）。',
      },
      store_unreachable: {
        summary: (d) =>
          `${d.operation ?? '账本数据库'}${d.host ? `（${d.host}${d.port ? `:${d.port}` : ''}）` : ''}无法连接或断开了连接：${end(d.nativeMessage ?? '?')}`,
        hint: () =>
          '该事务已回滚，其中的内容都没有写入：请在数据库恢复应答后重新调用。作业计费同步会从中断处继续，不会重复计费任何作业。',
      },
    },
    PARSE: {
      field_count: {
        summary: (d) =>
          `${d.what} 输出了 ${d.fields} 个字段，不是每条 ${d.fieldsPerRecord} 个字段的完整记录。`,
        hint: () => '调度器版本可能输出不同的字段；请附上原始输出（details.raw）报告。',
      },
      no_job_id: {
        summary: (d) => `${d.program ?? 'sbatch'} 执行成功，但没有输出作业编号。`,
        hint: (d) =>
          `${d.program ?? 'sbatch'} 外层的站点包装脚本可能输出了额外文本；作业编号必须单独占一行。`,
      },
    },
    UNSUPPORTED: {
      act_as_none: {
        summary: (d) =>
          `${d.adapter} 传输层以 ${d.login ?? '自身身份'} 运行所有命令（actAs "none"），因此不能为“${d.user ?? '?'}”运行命令。`,
        hint: () =>
          "请不要指定用户，或配置 actAs { mode: 'sudo' }（或以 root 运行时用 'su'，或通过 SSH 用 'credentials'）。",
      },
      other_login: {
        summary: (d) =>
          `${d.capability} 需要以 ${d.user ?? '?'} 登录的连接，但传输层以 ${d.login ?? '?'} 登录。`,
        hint: () =>
          "请使用 sshTransport({ actAs: { mode: 'credentials' }, userCredentials })，让每个用户用自己的密钥登录。",
      },
      driver_missing: {
        summary: (d) => `${d.capability} 需要 “${d.driver ?? '?'}” 包，但它没有安装。`,
        hint: (d) =>
          `请在使用 hpckit 的项目中安装它：npm install ${d.driver ?? '?'}${d.driverMajor ? `@${d.driverMajor}` : ''}`,
      },
      driver_unbuilt: {
        summary: (d) =>
          `${d.capability} 无法加载 “${d.driver ?? '?'}” 的原生绑定：${d.nativeMessage ?? '它不是为当前 Node.js 构建的'}`,
        hint: (d) =>
          `请用运行门户的 Node.js 重新构建它：npm rebuild ${d.driver ?? '?'}。如果没有匹配的预编译二进制文件，请先安装 C++ 编译工具链和 Python，并且不要对它使用 npm --ignore-scripts。`,
      },
      client_closed: {
        summary: (d) => `此客户端已关闭（client.close()），不再调用集群“${d.cluster ?? '?'}”。`,
        hint: () => '请只在进程不再使用客户端时关闭它；如需继续，请用 createClient() 创建新的客户端。',
      },
      no_common_version: {
        summary: (d) =>
          `${d.capability} 提供的 API 版本为 ${(d.offered ?? []).join('、') || '无'}，而 ${d.adapter} 适配器支持的版本为 ${(d.spoken ?? []).join('、') || '无'}：双方没有共同的版本。`,
        hint: () =>
          '请在 slurmrestd 中启用双方都支持的插件版本（其 -s 选项），或升级 hpckit 以支持更新的版本；"versions" 选项可限定适配器使用的版本。',
      },
      no_acting_user: {
        summary: (d) =>
          `此客户端不代表任何用户，而集群“${d.cluster ?? '?'}”服务多个用户（其 ${d.adapter} 适配器代表用户执行），因此 ${d.operation ?? '此调用'} 无法确定作业属于谁。`,
        hint: (d) =>
          `请用 client.as('alice').${d.operation ?? 'jobs.submit'}(…) 代表作业的所有者；如要以适配器自身的登录身份提交（Slurm：传输的登录用户；mock：其 defaultUser），请在集群“${d.cluster ?? '?'}”的选项中设置 actAsLogin: true。`,
      },
      no_job_output: {
        summary: (d) =>
          `集群“${d.cluster ?? '?'}”没有读取作业输出文件的途径，因此 ${d.operation ?? '此调用'} 无法读取作业 ${d.job ?? '?'} 的输出。`,
        hint: (d) =>
          `请在 createClient 中为集群“${d.cluster ?? '?'}”提供 jobOutput 来源，例如 @hpckit/remote 的 jobOutputSource({ files: (user) => sftpFileSystem({ transport, user }) })，或在此调用中传入 { source }。`,
      },
      no_output_stream: {
        summary: () => '进度显示无处输出：没有给出输出流，此环境中也没有 process.stdout。',
        hint: () =>
          '请向 showProgress 传入输出，例如 { output: lineProgress(stream) } 或 notebookProgress(display)。',
      },
    },
    TIMEOUT: {
      sftp_unanswered: {
        summary: (d) =>
          `${operation(d.operation)}：SFTP 服务器未在 ${d.timeoutMs} 毫秒内响应 ${d.step ?? '请求'} 步骤，其通道已被关闭。`,
        hint: (d) =>
          `该文件可能位于挂起的文件系统上，或被换成了命名管道或设备。请重试（会打开新通道），或提高 ${d.step ?? ''}TimeoutMs。`,
      },
      app_not_ready: {
        summary: (d) =>
          `会话 ${d.session ?? '?'}（作业 ${d.sessionJob ?? '?'}）正在运行，但其服务器未在 ${d.timeoutMs} 毫秒内响应${
            d.connectionFile === false ? '（尚无连接文件）' : ''
          }。`,
        hint: (d) => `请查看 ${outputLog(d)}，或用 { timeoutMs } 等待更长时间。`,
      },
    },
    INTERNAL: {
      batch_mismatch: {
        summary: (d) =>
          `适配器的 ${d.operation} 为 ${d.jobs ?? '?'} 个作业返回了 ${d.outcomes ?? '?'} 个结果。`,
        hint: () =>
          '适配器必须按顺序为每个作业返回一个结果；这是适配器的缺陷。所有结果均不可信：再次提交前，请先按幂等键查找这些作业。',
      },
      access_roles_failed: {
        summary: (d) => `访问来源未能给出用户“${d.user ?? '?'}”的角色：${d.nativeMessage ?? '?'}。`,
        hint: () => '请检查客户端的 `access` 选项：它的 roles() 必须解析为 { platform?, adminOf? }。',
      },
      missing_operation: {
        summary: (d) => `适配器缺少契约要求的 ${d.operation} 方法。`,
        hint: () => '请用 defineSchedulerAdapter() 构建适配器，它会在创建时检查各方法。',
      },
      store_full: {
        summary: (d) => `${d.operation}无法写入：磁盘已满（${d.nativeMessage ?? '?'}）。`,
        hint: () =>
          '请释放数据库所在磁盘的空间，或把它移到更大的磁盘，然后重新调用：该事务已回滚，没有写入一半的内容，也不会重复计费任何作业。',
      },
      option_refused: {
        summary: (d) =>
          `${d.program ?? d.operation} 拒绝了 hpckit 传入的选项：${end(d.nativeMessage ?? '?')}`,
        hint: (d) =>
          `提交主机上的 ${spaced(d.scheduler, '调度器')}可能不支持该选项（hpckit 在 Slurm 22.05 上测试），或“commands”中设置的站点包装脚本改变了命令行；请在该主机上对照 \`${d.program ?? d.operation} --help\`。`,
      },
      command_failed: {
        summary: (d) =>
          `${d.program ?? d.operation} 执行失败，退出码 ${d.exitCode ?? '?'}：${end(d.nativeMessage || '（无输出）')}`,
        hint: () => 'hpckit 无法识别这种失败；上面的消息是该命令自己的输出。',
      },
      change_not_applied: {
        summary: (d) => `${spaced(d.program, '调度器')}接受了“${d.operation}”，但读回后发现没有变化。`,
        hint: (d) => `可能有其他管理员同时修改了它；请用 ${spaced(d.program, '调度器')}检查。`,
      },
      app_ended_before_ready: {
        summary: (d) =>
          `会话 ${d.session ?? '?'} 的作业 ${d.sessionJob ?? '?'} 在其服务器就绪之前${jobEnded(d)}。`,
        hint: (d) => `请查看 ${outputLog(d)} 中服务器的输出。`,
      },
      app_connection_stale: {
        summary: (d) =>
          `会话 ${d.session ?? '?'} 的作业 ${d.sessionJob ?? '?'} ${jobEnded(d)}，其连接文件已过期。`,
        hint: (d) => `请查看 ${outputLog(d)} 中服务器的输出。`,
      },
    },
  },
  policy: policyZhCn,
  refusalHints: refusalHintsZhCn,
  violations: violationsZhCn,
  submitted: {
    summary: (jobId, summary) => `作业 ${jobId} 已提交，但读回失败：${summary}`,
    hint: (jobId) =>
      `该作业已存在：请用 jobs.get('${jobId}') 获取它，不要重新提交（使用相同 idempotencyKey 的提交也会返回它）。`,
  },
};
