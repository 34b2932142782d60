/**
 * Why an error of one code happened, for the codes whose catalogue message depends on more than
 * their other details. An adapter names the reason and passes the facts; core's catalogue writes
 * the message in every locale. An error without a reason gets its code's general message.
 * A reason never changes meaning once published; new situations get new reasons.
 */

/** Why input was refused, beyond the issues listed in the details. */
export const VALIDATION_REASONS = [
  /** The scheduler's command refused an option before contacting its controller. */
  'option_refused',
  /** An SSH private key file is missing or unreadable. */
  'unreadable_key_file',
  /** A path names a file where a directory is needed. */
  'not_a_directory',
  /** A path names a directory where a file is needed. */
  'is_a_directory',
  /** A directory to delete is not empty. */
  'directory_not_empty',
  /** A path names a FIFO, socket or device, which reading could block on. */
  'not_a_regular_file',
  /** A file is larger than the read limit. */
  'too_big',
  /** A path leads outside the directory a file system is confined to, through a symbolic link. */
  'leads_outside',
  /** A file submitted as a job script has no interpreter line. */
  'not_a_script',
  /** A path cannot be used at all (empty, NUL byte, above the home directory). */
  'invalid_path',
  /** None of the known_hosts files a transport checks host keys against can be read. */
  'unreadable_known_hosts',
  /** The configured host name does not resolve (DNS says it does not exist). */
  'unknown_host',
] as const;

/** Why a `VALIDATION` error happened (`details.reason`); the catalogue words each one. */
export type ValidationReason = (typeof VALIDATION_REASONS)[number];

/** Why something was not found, when the thing's kind and id do not say enough. */
export const NOT_FOUND_REASONS = [
  /** The host (submit host, transport host) has no such login. */
  'unknown_user',
  /** The user is not a member of the account. */
  'not_a_member',
  /** The scheduler's accounting has no such account. */
  'no_such_account',
  /** The job is neither queued nor in accounting within the lookup window. */
  'outside_lookup_window',
  /** A job named as a dependency does not exist. */
  'unknown_dependency',
  /** No file or directory at the path. */
  'no_such_file',
  /**
   * A user view does not show the job: unknown, or someone else's (the two read alike, so the
   * error tells nothing about other users' jobs).
   */
  'not_visible',
  /** No app of that id is registered (`@hpckit/apps`). */
  'unregistered_app',
  /** An app session's job is not running, so it has no server to connect to. */
  'server_not_running',
  /** An app session's server has not written its connection file yet. */
  'no_connection_file',
] as const;

/** Why a `NOT_FOUND` error happened (`details.reason`); the catalogue words each one. */
export type NotFoundReason = (typeof NOT_FOUND_REASONS)[number];

/** What already exists. */
export const ALREADY_EXISTS_REASONS = [
  /** The user is already a member of the account. */
  'already_a_member',
  /** An account with that name exists. */
  'account_exists',
  /** A file or directory is at the target path. */
  'file_exists',
  /** An app of that id is already registered (`@hpckit/apps`). */
  'app_registered',
] as const;

/** Why a `ALREADY_EXISTS` error happened (`details.reason`); the catalogue words each one. */
export type AlreadyExistsReason = (typeof ALREADY_EXISTS_REASONS)[number];

/** Why an action was refused to the acting user or to the transport's identity. */
export const PERMISSION_REASONS = [
  /** The user switch (sudo or su) refused to run the command as the user. */
  'act_as_switch',
  /** A transport never acts as root. */
  'act_as_root',
  /** A transport never acts as its own login (the service account). */
  'act_as_own_login',
  /** The user is in the transport's `actAs.denyUsers`. */
  'act_as_denied_user',
  /** The user's uid is below the transport's `actAs.minUid`. */
  'act_as_low_uid',
  /** The user's uid could not be looked up to check it against `actAs.minUid`. */
  'act_as_uid_unknown',
  /** Per-user SSH credentials log in as another user than the one asked for. */
  'credentials_mismatch',
  /** Only the owner of the job (or an administrator) may act on it. */
  'not_owner',
  /** Only an administrator may raise the time limit of a running job. */
  'raise_running_time_limit',
  /** The file system refused access to a file (permission bits). */
  'file_permission',
] as const;

/** Why a `PERMISSION_DENIED` error happened (`details.reason`); the catalogue words each one. */
export type PermissionReason = (typeof PERMISSION_REASONS)[number];

/** Why a connection or a command's channel failed. */
export const TRANSPORT_REASONS = [
  /** The host could not be reached. */
  'connect_failed',
  /** The SSH server refused the login. */
  'login_refused',
  /** The host's key is not one of the trusted keys. */
  'host_key_rejected',
  /** The transport (or its connection) was closed by its owner. */
  'connection_closed',
  /** No channel could be opened on the connection, or the channel failed. */
  'channel_failed',
  /** The command ended without an exit status: the connection or session was lost. */
  'session_lost',
  /** The command wrote more output than allowed and was stopped. */
  'output_limit',
  /** Too many commands already wait for a channel of the connection. */
  'queue_full',
  /** Every pooled connection is in use. */
  'pool_full',
  /** The program could not be started. */
  'spawn_failed',
  /** The local transport's helper shell ended while it ran the command. */
  'helper_shell_exited',
  /** The SFTP channel was closed while the call waited. */
  'sftp_channel_closed',
  /** The SFTP channel failed. */
  'sftp_failed',
  /** No shell channel could be opened. */
  'shell_channel_failed',
  /** A file command run as the user (`cat`, `mkdir`) failed. */
  'file_command_failed',
  /** The user's home directory could not be found (`printenv HOME` failed). */
  'home_unknown',
  /** The ledger's database refused the connection or dropped it (a restart, a network cut). */
  'store_unreachable',
] as const;

/** Why a `TRANSPORT` error happened (`details.reason`); the catalogue words each one. */
export type TransportReason = (typeof TRANSPORT_REASONS)[number];

/** What could not be understood in a command's output. */
export const PARSE_REASONS = [
  /** Delimited output did not split into whole records. */
  'field_count',
  /** A successful submission printed no job id. */
  'no_job_id',
] as const;

/** Why a `PARSE` error happened (`details.reason`); the catalogue words each one. */
export type ParseReason = (typeof PARSE_REASONS)[number];

/** Why a capability is missing for this call. */
export const UNSUPPORTED_REASONS = [
  /** The transport runs every command as itself (`actAs` `none`). */
  'act_as_none',
  /** The feature needs a connection logged in as the user, and the transport logs in as another. */
  'other_login',
  /** An optional driver package the feature loads (`better-sqlite3`, `pg`) is not installed. */
  'driver_missing',
  /** A driver package is installed, but its native binding was not built or fails to load. */
  'driver_unbuilt',
  /** The client was closed (`client.close()`): it makes no more calls. */
  'client_closed',
  /**
   * A client acting for no user (no `.as(user)`) submitted on a cluster whose adapter acts for
   * many users, without the cluster's `actAsLogin` option.
   */
  'no_acting_user',
  /** A job's output was asked for on a cluster with no `jobOutput` source (and none given). */
  'no_job_output',
  /** A progress display has nowhere to go: no stream given and no `process.stdout` (a browser). */
  'no_output_stream',
  /** A REST API (slurmrestd) serves none of the API versions the adapter speaks. */
  'no_common_version',
] as const;

/** Why a `UNSUPPORTED` error happened (`details.reason`); the catalogue words each one. */
export type UnsupportedReason = (typeof UNSUPPORTED_REASONS)[number];

/** What did not answer in time. */
export const TIMEOUT_REASONS = [
  /** The SFTP server did not answer one step of a file call. */
  'sftp_unanswered',
  /** An app session's job runs, but its server did not answer in time. */
  'app_not_ready',
] as const;

/** Why a `TIMEOUT` error happened (`details.reason`); the catalogue words each one. */
export type TimeoutReason = (typeof TIMEOUT_REASONS)[number];

/** What failed unexpectedly. */
export const INTERNAL_REASONS = [
  /** A command refused an option the adapter passed (another version, or a site wrapper). */
  'option_refused',
  /** A command failed in a way the adapter does not recognise. */
  'command_failed',
  /** The scheduler accepted a change, but reading it back shows no change. */
  'change_not_applied',
  /** An app session's job ended before its server was ready. */
  'app_ended_before_ready',
  /** An app session's job ended, so its connection file is stale. */
  'app_connection_stale',
  /** The adapter lacks a method the contract requires (one written without `defineSchedulerAdapter`). */
  'missing_operation',
  /** An adapter's batch submission answered a different number of outcomes than jobs it was given. */
  'batch_mismatch',
  /** The ledger's database could not write: its disk (or quota) is full. */
  'store_full',
  /** A client's `access` source threw, or gave no roles, for a user. */
  'access_roles_failed',
] as const;

/** Why a `INTERNAL` error happened (`details.reason`); the catalogue words each one. */
export type InternalReason = (typeof INTERNAL_REASONS)[number];
