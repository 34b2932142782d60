import type { ErrorCode } from './codes.js';
import type { ErrorDetailsByCode } from './details.js';
import {
  AlreadyExistsError,
  ERROR_CLASSES,
  type HpckitError,
  InternalError,
  NotFoundError,
  ParseError,
  PermissionError,
  PolicyError,
  SchedulerUnavailableError,
  TimeoutError,
  TransportError,
  UnsupportedError,
  ValidationError,
} from './hpckit-error.js';

/**
 * What a bound factory takes: the facts (`details`), and optionally the cause and retryability.
 * No wording and no tag: the catalogue writes the message in every locale, the factory names the
 * source.
 */
export interface BoundErrorInit<C extends ErrorCode> {
  details: ErrorDetailsByCode[C];
  cause?: unknown;
  /** Overrides the code's default retryability. */
  retryable?: boolean;
}

/** Errors raised in one adapter's (or transport's) name; see {@link errorsFor}. */
export interface ErrorFactory {
  /** The name every error is tagged with (`HpckitError.adapter`, shown as `[hpckit] [name]`). */
  readonly source: string;
  /** An error of any code (its own class), for re-raising with a code known only at run time. */
  error<C extends ErrorCode>(code: C, init: BoundErrorInit<C>): HpckitError<C>;
  validation(init: BoundErrorInit<'VALIDATION'>): ValidationError;
  notFound(init: BoundErrorInit<'NOT_FOUND'>): NotFoundError;
  alreadyExists(init: BoundErrorInit<'ALREADY_EXISTS'>): AlreadyExistsError;
  permission(init: BoundErrorInit<'PERMISSION_DENIED'>): PermissionError;
  policy(init: BoundErrorInit<'POLICY_VIOLATION'>): PolicyError;
  unavailable(init: BoundErrorInit<'SCHEDULER_UNAVAILABLE'>): SchedulerUnavailableError;
  transport(init: BoundErrorInit<'TRANSPORT'>): TransportError;
  parse(init: BoundErrorInit<'PARSE'>): ParseError;
  /** `details.adapter` defaults to the factory's name. */
  unsupported(
    init: Omit<BoundErrorInit<'UNSUPPORTED'>, 'details'> & {
      details: Omit<ErrorDetailsByCode['UNSUPPORTED'], 'adapter'> & { adapter?: string };
    },
  ): UnsupportedError;
  timeout(init: BoundErrorInit<'TIMEOUT'>): TimeoutError;
  internal(init: BoundErrorInit<'INTERNAL'>): InternalError;
}

/**
 * Binds error construction to one source: every error it makes is tagged with `source`, and its
 * message is written by core's catalogue from the facts passed (in English in `message`, in
 * other locales by `formatError`). Adapters and transports make their errors through one of
 * these rather than writing text or naming themselves at each throw.
 *
 * @example
 * ```ts
 * const fail = errorsFor('slurm');
 * throw fail.notFound({ details: { kind: 'job', id: '42' } }); // [hpckit] [slurm] Job "42" was not found. …
 * ```
 */
export function errorsFor(source: string): ErrorFactory {
  const tag = <I extends object>(init: I) => ({ ...init, adapter: source });
  return {
    source,
    error: (code, init) => new ERROR_CLASSES[code](tag(init) as never) as HpckitError<typeof code>,
    validation: (init) => new ValidationError(tag(init)),
    notFound: (init) => new NotFoundError(tag(init)),
    alreadyExists: (init) => new AlreadyExistsError(tag(init)),
    permission: (init) => new PermissionError(tag(init)),
    policy: (init) => new PolicyError(tag(init)),
    unavailable: (init) => new SchedulerUnavailableError(tag(init)),
    transport: (init) => new TransportError(tag(init)),
    parse: (init) => new ParseError(tag(init)),
    unsupported: (init) =>
      new UnsupportedError(
        tag({ ...init, details: { ...init.details, adapter: init.details.adapter ?? source } }),
      ),
    timeout: (init) => new TimeoutError(tag(init)),
    internal: (init) => new InternalError(tag(init)),
  };
}
