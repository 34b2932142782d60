import { capitalise, type MessageCatalogue, sentence } from './catalogue.js';
import { policyEn, refusalHintsEn } from './en-policy.js';
import { violationsEn } from './en-violations.js';

const ssh = 'Check that the host is reachable and sshd is running; reads are retried automatically.';
const noBorrowing =
  'Act only for the portal’s end users: root and the service account are never acted for, whatever sudoers allows.';

const where = (d: { login?: string; host?: string }) =>
  d.login && d.host ? `${d.login}@${d.host}` : (d.host ?? 'the host');
const refusesToActAs = (user: string | undefined, why: string) =>
  `The transport refuses to act as "${user ?? '?'}": ${why}.`;
const fileProblem = (d: { operation?: string; path?: string }, what: string) =>
  `${d.operation ?? 'use'}: ${d.path ?? '?'} ${what}`;
const jobEnded = (d: { jobState?: string; outcome?: string }) =>
  d.jobState === 'ended' ? `ended (${d.outcome ?? '?'})` : `is ${d.jobState ?? '?'}`;

/** English messages: the text of every `HpckitError.message`. */
export const messages: MessageCatalogue = {
  codes: {
    VALIDATION: {
      summary: (d) =>
        `Invalid ${d.subject}: ${d.issues
          .map((i) => (i.path.length ? `at "${i.path.join('.')}": ${i.message}` : i.message))
          .join('; ')}.`,
    },
    NOT_FOUND: {
      summary: (d) =>
        `${capitalise(d.kind)} "${d.id}" was not found${
          d.program && d.nativeMessage ? ` (${d.program}: ${d.nativeMessage})` : ''
        }.`,
      hint: (d) => `Check the ${d.kind} name or id, and that it belongs to this cluster.`,
    },
    ALREADY_EXISTS: {
      summary: (d) => `${capitalise(d.kind)} "${d.id}" already exists.`,
      hint: () => 'Use the existing one, or choose another name.',
    },
    PERMISSION_DENIED: {
      summary: (d) =>
        d.nativeMessage !== undefined
          ? `${d.scheduler ?? 'The scheduler'} refused ${d.program ?? d.action}: ${sentence(d.nativeMessage)}`
          : `${d.user ? `User "${d.user}" may not` : 'Not allowed to'} ${d.action}${
              d.missingRole ? ` (requires role "${d.missingRole}")` : ''
            }.`,
      hint: () => 'Ask an administrator for the required permission.',
    },
    POLICY_VIOLATION: {
      summary: (d) =>
        d.nativeMessage !== undefined
          ? `${d.scheduler ?? 'The scheduler'} refused the job (${d.nativeReason ?? d.reason}): ${sentence(d.nativeMessage)}`
          : policyEn[d.reason](d),
      hint: (d) => (d.nativeMessage !== undefined ? refusalHintsEn[d.reason](d) : undefined),
    },
    SCHEDULER_UNAVAILABLE: {
      summary: (d) =>
        d.nativeMessage !== undefined
          ? `${d.scheduler ?? 'The scheduler'} did not answer ${d.program ?? 'the command'}: ${sentence(d.nativeMessage)}`
          : `The scheduler${d.cluster ? ` of cluster "${d.cluster}"` : ''} did not answer.`,
      hint: (d) =>
        d.nativeMessage !== undefined
          ? 'The controller is busy or down; the call can be retried in a few seconds.'
          : 'This is usually temporary: retry later.',
    },
    TRANSPORT: {
      summary: (d) => `Could not reach the scheduler host${d.host ? ` "${d.host}"` : ''}.`,
      hint: () => 'Check the connection settings and that the host is up.',
    },
    PARSE: {
      summary: (d) => `Could not understand ${d.what}.`,
      hint: () =>
        'This is a bug or an unsupported scheduler version: report it with the raw text in details.raw.',
    },
    UNSUPPORTED: {
      summary: (d) => `The "${d.adapter}" adapter does not support "${d.capability}".`,
      hint: (d) => `Check client.capabilities() before calling; "${d.capability}" is declared false.`,
    },
    TIMEOUT: {
      summary: (d) => `${capitalise(d.operation)} did not finish within ${d.timeoutMs} ms.`,
      hint: () => 'Raise the timeout, or check why the scheduler is slow.',
    },
    INTERNAL: {
      summary: (d) =>
        d.nativeMessage !== undefined
          ? `Unexpected failure in ${d.operation}: ${sentence(d.nativeMessage)}`
          : `The adapter failed unexpectedly in ${d.operation}.`,
      hint: () => "This is a bug in the adapter: report it with the error's cause.",
    },
  },
  reasons: {
    VALIDATION: {
      option_refused: {
        summary: (d) =>
          `${d.program ?? 'The scheduler'} refused an option before contacting the controller: ${sentence(d.nativeMessage ?? '?')}`,
        hint: () => 'Fix the value in the job spec or its directives.',
      },
      unreadable_known_hosts: {
        hint: () =>
          "Point hostKey.knownHosts at a readable known_hosts file listing the host (ssh-keyscan -p <port> <host> >> known_hosts), or pin hostKey: { fingerprints: ['SHA256:…'] }.",
      },
      unknown_host: {
        hint: () => 'Check the "host" option: a name DNS knows or an IP address.',
      },
      unreadable_key_file: {
        hint: () =>
          'Point privateKeyPath at an existing key file the portal process may read (mode 0600, owned by the portal user), or pass the key itself as privateKey.',
      },
      not_a_directory: {
        summary: (d) => `${fileProblem(d, 'is not a directory (or one of its parents is not)')}.`,
        hint: () => 'Name a directory.',
      },
      is_a_directory: {
        summary: (d) =>
          `${fileProblem(d, 'is a directory')}${d.within ? ` (inside the directory being copied, ${d.within})` : ''}.`,
        hint: () => 'Name a file, or use list() or { recursive: true }.',
      },
      directory_not_empty: {
        summary: (d) => `${fileProblem(d, 'is a directory that is not empty')}.`,
        hint: () => 'Pass { recursive: true } to delete it all.',
      },
      not_a_regular_file: {
        summary: (d) => `${fileProblem(d, 'is not a regular file')}${d.fileType ? ` (${d.fileType})` : ''}.`,
        hint: () =>
          'Only regular files (or symlinks to them) are read: FIFOs, sockets and devices can block or never end.',
      },
      too_big: {
        summary: (d) =>
          `${fileProblem(d, 'is too big')}${
            d.size !== undefined
              ? ` (${d.size} bytes, limit ${d.limit ?? '?'})`
              : ` (more than the limit of ${d.limit ?? '?'} bytes)`
          }.`,
        hint: () => 'Use createReadStream(), download() or preview(), or raise the limit.',
      },
      leads_outside: {
        summary: (d) => `${fileProblem(d, 'leads outside the home directory through a symbolic link')}.`,
        hint: () => 'Name the file itself, inside the home directory, rather than a link to it.',
      },
      not_a_script: {
        hint: () => 'Add "#!/bin/bash" as the first line of the script.',
      },
      invalid_path: {
        hint: (d) => `Check the path ${JSON.stringify(d.path ?? '')}.`,
      },
    },
    NOT_FOUND: {
      unknown_user: {
        summary: (d) =>
          `User "${d.id}" is not known on the submit host${
            d.program
              ? ` (${d.nativeMessage ? `${d.program}: ${d.nativeMessage}` : `${d.program} found no such user`})`
              : ''
          }.`,
        hint: (d) =>
          `Check the user name; the user needs an account on the submit host (getent passwd ${d.id}).`,
      },
      not_a_member: {
        summary: (d) => `User "${d.user ?? '?'}" is not a member of account "${d.account ?? '?'}".`,
        hint: () => 'Add the user to the account first (users.add), or check the names.',
      },
      no_such_account: {
        summary: (d) =>
          `Account "${d.id}" does not exist${d.scheduler ? ` in ${d.scheduler}'s accounting` : ''}.`,
        hint: () => 'Check the name, or create the account first (accounts.create).',
      },
      outside_lookup_window: {
        summary: (d) =>
          `Job ${d.id} is neither in the queue nor in accounting${
            d.lookupWindowDays !== undefined ? ` (searched back ${d.lookupWindowDays} days)` : ''
          }.`,
        hint: () =>
          'Check the id; jobs older than the lookup window are not searched (adapter option idLookupWindow, e.g. "730d").',
      },
      unknown_dependency: {
        summary: (d) => `Job "${d.id}"${d.namedAt ? `, named in ${d.namedAt},` : ''} does not exist.`,
        hint: () => 'Depend only on jobs this cluster knows; check the id.',
      },
      no_such_file: {
        summary: (d) => `${d.operation ?? 'use'}: no such file or directory: ${d.id}.`,
        hint: () => 'Check the path (relative paths start at the home directory) and that it was not moved.',
      },
      not_visible: {
        hint: () => 'Check the job id: you see your own jobs and those charged to accounts you administer.',
      },
      unregistered_app: {
        summary: (d) =>
          `No app "${d.id}" is registered (known: ${d.known?.length ? d.known.join(', ') : 'none'}).`,
        hint: () => 'Add it with registry.add(definition), or pick one of the known ids.',
      },
      server_not_running: {
        summary: (d) =>
          `Session ${d.session ?? '?'} has no running server: its job ${d.sessionJob ?? '?'} is ${d.jobState ?? 'not running'}.`,
        hint: (d) =>
          d.jobState === 'suspended'
            ? 'The job is suspended; connect once it runs again.'
            : 'Wait with sessions.waitReady(session) first.',
      },
      no_connection_file: {
        summary: (d) =>
          `Session ${d.session ?? '?'} has no connection file yet (job ${d.sessionJob ?? '?'} has not started its server).`,
        hint: () => 'Wait with sessions.waitReady(session) first.',
      },
    },
    ALREADY_EXISTS: {
      already_a_member: {
        summary: (d) => `User "${d.user ?? '?'}" is already a member of account "${d.account ?? '?'}".`,
        hint: () => 'Nothing to add: the user may already use the account.',
      },
      account_exists: {
        hint: () => 'Pick another name, or add users to the existing account (users.add).',
      },
      file_exists: {
        summary: (d) => `${d.operation ?? 'use'}: ${d.id} already exists.`,
        hint: () => 'Choose another name, delete it first, or pass { overwrite: true }.',
      },
      app_registered: {
        summary: (d) => `An app "${d.id}" is already registered.`,
        hint: () => 'Choose another id, or pass { replace: true } to replace it.',
      },
    },
    PERMISSION_DENIED: {
      act_as_switch: {
        summary: (d) => `The transport's identity may not ${d.action}: ${sentence(d.nativeMessage ?? '?')}`,
        hint: (d) =>
          d.actAs === 'su'
            ? 'su needs no password only for root: run the portal as root (localTransport), log in as root (sshTransport), or use actAs { mode: "sudo" } with a sudoers rule.'
            : `Give the service account a NOPASSWD sudoers rule for the Slurm commands as ${
                d.user ? `"${d.user}"` : 'the user'
              }, with requiretty off (sudo runs with -n and never prompts); see "Acting for many users" in the Slurm guide.`,
      },
      act_as_root: {
        summary: (d) => refusesToActAs(d.user, 'root is never acted for'),
        hint: () => noBorrowing,
      },
      act_as_own_login: {
        summary: (d) =>
          refusesToActAs(d.user, "it is the transport's own login, whose rights no user may borrow"),
        hint: () => noBorrowing,
      },
      act_as_denied_user: {
        summary: (d) => refusesToActAs(d.user, 'it is listed in actAs.denyUsers'),
        hint: () => 'Remove it from denyUsers if it is an end user.',
      },
      act_as_low_uid: {
        summary: (d) => refusesToActAs(d.user, `its uid ${d.uid} is below actAs.minUid (${d.minUid})`),
        hint: (d) =>
          d.uid === 0
            ? 'uid 0 is root under another name: never act as it.'
            : 'System accounts have low uids; lower actAs.minUid only if this is an end user.',
      },
      act_as_uid_unknown: {
        summary: (d) =>
          refusesToActAs(
            d.user,
            `its uid could not be confirmed (${d.command?.join(' ') ?? 'id -u'} exited ${d.exitCode ?? '?'}: ${
              d.nativeMessage || 'no output'
            })`,
          ),
        hint: () =>
          'The transport acts only for users whose uid it can check against actAs.minUid; make `id` work for the transport identity, or set minUid: 0 to skip the check.',
      },
      credentials_mismatch: {
        summary: (d) =>
          `userCredentials("${d.user}") returned credentials that log in as "${d.login}"; the SSH transport refuses to run anything for "${d.user}" as another user.`,
        hint: (d) => `Return credentials whose username is "${d.user}" from userCredentials.`,
      },
      not_owner: {
        hint: (d) => `Only the job's owner ("${d.owner ?? '?'}") or an administrator may do that.`,
      },
      raise_running_time_limit: {
        summary: (d) => `User "${d.user ?? '?'}" may not ${d.action}.`,
        hint: () => 'Users may only lower the time limit of a running job; ask an administrator to raise it.',
      },
      file_permission: {
        summary: (d) => `User "${d.user ?? '?'}" may not ${d.action} (permission denied).`,
        hint: () => 'Check the permission bits of the file and of its parent directories.',
      },
    },
    TRANSPORT: {
      connect_failed: {
        summary: (d) => `Could not connect to ${where(d)}: ${sentence(d.nativeMessage ?? '?')}`,
        hint: () => ssh,
      },
      login_refused: {
        summary: (d) => `SSH login to ${where(d)} was refused (authentication failed).`,
        hint: () => 'Check the credentials (user name and key or password) and that the server accepts them.',
      },
      host_key_rejected: {
        summary: (d) =>
          `The host key of ${d.host}:${d.port} is not one of the trusted keys (or is revoked); refusing to connect, and no credentials were sent.`,
        hint: (d) => {
          const listed = d.port === 22 ? d.host : `[${d.host}]:${d.port}`;
          return `Someone may be impersonating the host (a man-in-the-middle attack): do not work around this. If the host's key really changed (reinstalled or rotated), get its new fingerprint from the host's administrators over another channel, compare it with \`ssh-keyscan -p ${d.port} ${d.host} | ssh-keygen -lf -\`, then replace the old entry (\`ssh-keygen -R '${listed}' -f <known_hosts>\`, then add the checked key) or the pinned fingerprint in hostKey.`;
        },
      },
      connection_closed: {
        summary: (d) => `The connection to ${where(d)} is closed.`,
        hint: () => ssh,
      },
      channel_failed: {
        summary: (d) => `A channel to ${where(d)} failed: ${sentence(d.nativeMessage ?? '?')}`,
        hint: () => ssh,
      },
      session_lost: {
        summary: (d) =>
          `${d.program ?? 'The command'} on ${where(d)} ended without an exit status (connection or session lost).`,
        hint: () => ssh,
      },
      output_limit: {
        summary: (d) =>
          `${d.program ?? 'The command'}${d.host ? ` on ${d.host}` : ''} wrote more than ${d.limit} bytes and was stopped.`,
        hint: () => 'Narrow the query (fewer jobs, a shorter time window) or raise maxOutputBytes.',
      },
      queue_full: {
        summary: (d) =>
          `${d.program ?? 'The command'} was refused: ${d.limit} commands already wait for a channel to ${where(d)}.`,
        hint: () =>
          'The connection is overloaded: retry later, or raise maxQueuedCommands (or maxChannels, below sshd MaxSessions).',
      },
      pool_full: {
        summary: (d) =>
          `No SSH connection for ${where(d)}: all ${d.limit} pooled connections (maxConnections) are in use.`,
        hint: () =>
          'Retry shortly (idle connections are closed to make room), or raise maxConnections if the login node allows more sessions.',
      },
      spawn_failed: {
        summary: (d) => `Could not run ${d.program ?? 'the command'}: ${sentence(d.nativeMessage ?? '?')}`,
        hint: (d) =>
          d.errno === 'ENOENT' ? `Install the Slurm client commands or put ${d.program} on PATH.` : undefined,
      },
      helper_shell_exited: {
        summary: (d) =>
          `The helper shell running ${d.program ?? 'the command'} ended before the command finished: ${sentence(
            d.nativeMessage ?? '?',
          )}`,
        hint: () =>
          'Retry: the next command starts a new helper shell. A submission may have gone through, so look it up by its idempotency key first (the Slurm adapter does).',
      },
      sftp_channel_closed: {
        summary: (d) =>
          `${d.operation ?? 'The call'}: the SFTP channel was closed while this call waited, because ${sentence(
            d.nativeMessage ?? '?',
          )}`,
        hint: () => 'Retry: the next call opens a new channel.',
      },
      sftp_failed: {
        summary: (d) =>
          `${d.operation ?? 'The call'}: the SFTP channel failed: ${sentence(d.nativeMessage ?? '?')}`,
      },
      shell_channel_failed: {
        summary: (d) => `Could not open a shell channel to ${where(d)}: ${sentence(d.nativeMessage ?? '?')}`,
        hint: () =>
          'The server may be at its MaxSessions limit; close other shells or lower the transport maxChannels.',
      },
      file_command_failed: {
        summary: (d) =>
          `Could not ${d.operation ?? 'run the file command'}: ${sentence(d.nativeMessage || 'unknown error')}`,
        hint: () =>
          'Check the path and its permissions for the user; the message above is the command’s own.',
      },
      home_unknown: {
        summary: (d) =>
          `Could not find the home directory of ${d.user ? `"${d.user}"` : 'the user'}: ${sentence(d.nativeMessage || 'unknown error')}`,
        hint: () =>
          'Check that the user exists on the host and has a home directory (HOME in the login environment).',
      },
      store_unreachable: {
        summary: (d) =>
          `The ${d.operation ?? 'ledger database'}${d.host ? ` at ${d.host}${d.port ? `:${d.port}` : ''}` : ''} could not be reached or dropped the connection: ${sentence(d.nativeMessage ?? '?')}`,
        hint: () =>
          'The transaction was rolled back, so nothing of it was written: run the call again once the database answers. A job-charge sync continues where it stopped and charges no job twice.',
      },
    },
    PARSE: {
      field_count: {
        summary: (d) =>
          `${capitalise(d.what)} printed ${d.fields} fields, not a whole number of ${d.fieldsPerRecord}-field records.`,
        hint: () =>
          'The scheduler version may print different fields; report it with the raw output (details.raw).',
      },
      no_job_id: {
        summary: (d) => `${d.program ?? 'sbatch'} succeeded but printed no job id.`,
        hint: (d) =>
          `A site wrapper around ${d.program ?? 'sbatch'} may print extra text; it must keep the job id on a line of its own.`,
      },
    },
    UNSUPPORTED: {
      act_as_none: {
        summary: (d) =>
          `The ${d.adapter} transport runs every command as ${d.login ?? 'its own identity'} (actAs "none"), so it cannot run one for "${d.user ?? '?'}".`,
        hint: () =>
          "Omit the user, or configure actAs { mode: 'sudo' } (or 'su' as root, or 'credentials' over SSH).",
      },
      other_login: {
        summary: (d) =>
          `${capitalise(d.capability)} needs a connection logged in as ${d.user ?? '?'}, but the transport logs in as ${d.login ?? '?'}.`,
        hint: () =>
          "Use sshTransport({ actAs: { mode: 'credentials' }, userCredentials }) so each user logs in with their own key.",
      },
      driver_missing: {
        summary: (d) => `The ${d.capability} needs the "${d.driver ?? '?'}" package, which is not installed.`,
        hint: (d) =>
          `Install it in the project that uses hpckit: npm install ${d.driver ?? '?'}${d.driverMajor ? `@${d.driverMajor}` : ''}`,
      },
      driver_unbuilt: {
        summary: (d) =>
          `The ${d.capability} could not load the native binding of "${d.driver ?? '?'}": ${sentence(d.nativeMessage ?? 'it was not built for this Node.js')}`,
        hint: (d) =>
          `Rebuild it for the Node.js that runs the portal: npm rebuild ${d.driver ?? '?'}. If no prebuilt binary fits, install a C++ toolchain and Python first, and do not run npm with --ignore-scripts for it.`,
      },
      client_closed: {
        summary: (d) =>
          `This client was closed (client.close()), so it makes no more calls to cluster "${d.cluster ?? '?'}".`,
        hint: () =>
          'Close a client only when the process is done with it; to go on, create a new one with createClient().',
      },
      no_common_version: {
        summary: (d) =>
          `${d.capability} serves API versions ${(d.offered ?? []).join(', ') || 'none'}, and the ${d.adapter} adapter speaks ${(d.spoken ?? []).join(', ') || 'none'}: there is no version both speak.`,
        hint: () =>
          'Enable a plugin version both speak in slurmrestd (its -s option), or upgrade hpckit for a newer one; the "versions" option narrows what the adapter may use.',
      },
      no_acting_user: {
        summary: (d) =>
          `This client acts for no user, and cluster "${d.cluster ?? '?'}" serves many (its ${d.adapter} adapter acts for users), so ${d.operation ?? 'this call'} cannot tell whose job it is.`,
        hint: (d) =>
          `Act for the job's owner with client.as('alice').${d.operation ?? 'jobs.submit'}(…); or, to submit as the adapter's own login (Slurm: the transport's login; mock: its defaultUser), set actAsLogin: true in the options of cluster "${d.cluster ?? '?'}".`,
      },
      no_job_output: {
        summary: (d) =>
          `Cluster "${d.cluster ?? '?'}" has no way to read jobs' output files, so ${d.operation ?? 'this call'} cannot read job ${d.job ?? '?'}'s output.`,
        hint: (d) =>
          `Give cluster "${d.cluster ?? '?'}" a jobOutput source in createClient, e.g. jobOutputSource({ files: (user) => sftpFileSystem({ transport, user }) }) of @hpckit/remote, or pass { source } to this call.`,
      },
      no_output_stream: {
        summary: () =>
          'The progress display has nowhere to write: no stream was given and there is no process.stdout here.',
        hint: () =>
          'Pass an output, e.g. { output: lineProgress(stream) } or notebookProgress(display), to showProgress.',
      },
    },
    TIMEOUT: {
      sftp_unanswered: {
        summary: (d) =>
          `${d.operation}: the SFTP server did not answer the ${d.step ?? 'request'} within ${d.timeoutMs} ms, so its channel was closed.`,
        hint: (d) =>
          `The file may be on a hung file system, or a FIFO or device swapped in for it. Retry (a new channel opens), or raise ${d.step ?? 'the'}TimeoutMs.`,
      },
      app_not_ready: {
        summary: (d) =>
          `Session ${d.session ?? '?'} (job ${d.sessionJob ?? '?'}) is running but its server did not answer within ${d.timeoutMs} ms${
            d.connectionFile === false ? ' (no connection file yet)' : ''
          }.`,
        hint: (d) =>
          `Look at ${d.directory ?? 'the session directory'}/output.log, or wait longer with { timeoutMs }.`,
      },
    },
    INTERNAL: {
      batch_mismatch: {
        summary: (d) =>
          `The adapter's ${d.operation} answered ${d.outcomes ?? '?'} outcomes for ${d.jobs ?? '?'} jobs.`,
        hint: () =>
          'An adapter must answer one outcome per job, in order; this is a bug in the adapter. No outcome was trusted: look the jobs up by their idempotency keys before submitting them again.',
      },
      access_roles_failed: {
        summary: (d) =>
          `The access source failed to give the roles of user "${d.user ?? '?'}": ${d.nativeMessage ?? '?'}.`,
        hint: () =>
          "Check the client's `access` option: its roles() must resolve to { platform?, adminOf? }.",
      },
      missing_operation: {
        summary: (d) => `The adapter has no ${d.operation} method, which the contract requires.`,
        hint: () =>
          'Build the adapter with defineSchedulerAdapter(), which checks its methods when it is created.',
      },
      store_full: {
        summary: (d) => `The ${d.operation} could not write: the disk is full (${d.nativeMessage ?? '?'}).`,
        hint: () =>
          'Free space on the disk that holds the database, or move it to a larger one, then run the call again: the transaction was rolled back, so nothing was half-written and no job will be charged twice.',
      },
      option_refused: {
        summary: (d) =>
          `${d.program ?? d.operation} refused an option hpckit passed: ${sentence(d.nativeMessage ?? '?')}`,
        hint: (d) =>
          `The ${d.scheduler ?? 'scheduler'} on the submit host may lack this option (hpckit is tested with Slurm 22.05), or a site wrapper set in "commands" changes the command line; compare with \`${d.program ?? d.operation} --help\` there.`,
      },
      command_failed: {
        summary: (d) =>
          `${d.program ?? d.operation} failed with exit code ${d.exitCode ?? '?'}: ${sentence(d.nativeMessage || '(no output)')}`,
        hint: () => 'This failure is not one hpckit recognises; the message above is the command’s own.',
      },
      change_not_applied: {
        summary: (d) =>
          `${d.program ?? 'The scheduler'} accepted "${d.operation}" but reading it back shows no change.`,
        hint: (d) =>
          `Another administrator may have changed it at the same time; check with ${d.program ?? 'the scheduler'}.`,
      },
      app_ended_before_ready: {
        summary: (d) =>
          `The job ${d.sessionJob ?? '?'} of session ${d.session ?? '?'} ${jobEnded(d)} before its server was ready.`,
        hint: (d) => `Read ${d.directory ?? 'the session directory'}/output.log for the server's output.`,
      },
      app_connection_stale: {
        summary: (d) =>
          `The job ${d.sessionJob ?? '?'} of session ${d.session ?? '?'} ${jobEnded(d)} so its connection file is stale.`,
        hint: (d) => `Read ${d.directory ?? 'the session directory'}/output.log for the server's output.`,
      },
    },
  },
  policy: policyEn,
  refusalHints: refusalHintsEn,
  violations: violationsEn,
  submitted: {
    summary: (jobId, summary) => `Job ${jobId} was submitted, but reading it back failed: ${summary}`,
    hint: (jobId) =>
      `The job exists: fetch it with jobs.get('${jobId}') instead of submitting again (a submit with the same idempotencyKey also returns it).`,
  },
};
