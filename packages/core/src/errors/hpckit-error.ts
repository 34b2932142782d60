import type { ErrorCode } from './codes.js';
import type { ErrorDetailsByCode } from './details.js';
import type { Locale } from './locale.js';
import { renderMessage } from './messages/render.js';

export type { ErrorDetailsByCode } from './details.js';

const BRAND = Symbol.for('hpckit.error');

/** Fields every {@link HpckitError} constructor accepts. */
export interface HpckitErrorInit<C extends ErrorCode> {
  details: ErrorDetailsByCode[C];
  /**
   * What failed and why, for a one-off failure the catalogue has no words for. Prefer facts in
   * `details` (a reason, the scheduler's `nativeMessage`): the catalogue then words the message
   * in every locale. The library prefix and the hint are added for you.
   */
  message?: string;
  /** How to fix it. Defaults to the catalogue's hint for the code and reason. */
  hint?: string;
  /** Name of the adapter that raised it, shown as `[hpckit] [mock]`. */
  adapter?: string;
  cause?: unknown;
  /** Overrides the code's default retryability. */
  retryable?: boolean;
  /**
   * The whole message (what failed and how to fix it) in other locales, for an error whose
   * `message` does not come from the catalogue; `formatError` uses it.
   */
  translations?: Partial<Record<Locale, string>>;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set([
  'SCHEDULER_UNAVAILABLE',
  'TRANSPORT',
  'TIMEOUT',
]);

/**
 * Base class of every error hpckit throws on purpose.
 *
 * Branch on {@link HpckitError.code}; read {@link HpckitError.details} for typed facts (the
 * validation issues, the policy limit and the requested value, the scheduler's stderr).
 *
 * @example
 * ```ts
 * try {
 *   await client.jobs.submit(spec);
 * } catch (err) {
 *   if (isHpckitError(err, 'POLICY_VIOLATION')) console.log(err.details.reason, err.details.stderr);
 *   else throw err;
 * }
 * ```
 */
export class HpckitError<C extends ErrorCode = ErrorCode> extends Error {
  /** Stable machine-readable code. */
  readonly code: C;
  /** Typed facts about the failure, per code. */
  readonly details: ErrorDetailsByCode[C];
  /** Whether the same call may succeed if tried again later. */
  readonly retryable: boolean;
  /** How to fix it, in English. */
  readonly hint: string | undefined;
  /** The adapter that raised it, if any. */
  readonly adapter: string | undefined;
  /** What failed and why, without prefix or hint (the catalogue's input for other locales). */
  readonly reason: string;
  /** @internal Whether {@link HpckitError.reason} was written by the thrower rather than the catalogue. */
  readonly customMessage: boolean;
  /** @internal Whether {@link HpckitError.hint} was written by the thrower rather than the catalogue. */
  readonly customHint: boolean;
  /** The whole message in other locales, when the thrower supplied it. */
  readonly translations: Partial<Record<Locale, string>>;

  constructor(code: C, init: HpckitErrorInit<C>) {
    const rendered = renderMessage('en', code, init.details);
    const reason = init.message ?? rendered.summary;
    const hint = init.hint ?? rendered.hint;
    const prefix = init.adapter ? `[hpckit] [${init.adapter}]` : '[hpckit]';
    super(`${prefix} ${reason}${hint ? ` ${hint}` : ''}`, { cause: init.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = init.details;
    this.reason = reason;
    this.hint = hint;
    this.adapter = init.adapter;
    this.customMessage = init.message !== undefined;
    this.customHint = init.hint !== undefined;
    this.translations = init.translations ?? {};
    this.retryable = init.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    Object.defineProperty(this, BRAND, { value: true });
    // Start the stack at the caller of the library, not inside the error plumbing.
    Error.captureStackTrace?.(this, new.target);
  }

  /**
   * `instanceof` by brand and code rather than by prototype alone, so an error thrown by another
   * copy of `@hpckit/core` (its ESM and CJS builds loaded in one process, or two versions in one
   * `node_modules`) is still an `HpckitError`, and a `ValidationError` still a `ValidationError`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof`: the base or one of its subclasses.
    // biome-ignore lint/complexity/noThisInStatic: the method is inherited, so the class must be `this`
    // biome-ignore lint/complexity/noUselessThisAlias: typed `unknown` for the class table's lookup
    const target: unknown = this;
    if (Function.prototype[Symbol.hasInstance].call(target, value)) return true;
    if (!isHpckitError(value)) return false;
    if (target === HpckitError) return true;
    // A subclass of a code's class (user-defined) is only recognised from its own copy.
    const code = CODE_OF_CLASS.get(target);
    return code !== undefined && value.code === code;
  }
}

/** Input was malformed; `details.issues` says where and how to fix it. */
export class ValidationError extends HpckitError<'VALIDATION'> {
  constructor(init: HpckitErrorInit<'VALIDATION'>) {
    super('VALIDATION', init);
  }
}

/** A job, account, user or file does not exist. */
export class NotFoundError extends HpckitError<'NOT_FOUND'> {
  constructor(init: HpckitErrorInit<'NOT_FOUND'>) {
    super('NOT_FOUND', init);
  }
}

/** The thing being created exists already. */
export class AlreadyExistsError extends HpckitError<'ALREADY_EXISTS'> {
  constructor(init: HpckitErrorInit<'ALREADY_EXISTS'>) {
    super('ALREADY_EXISTS', init);
  }
}

/** The acting user may not do this. */
export class PermissionError extends HpckitError<'PERMISSION_DENIED'> {
  constructor(init: HpckitErrorInit<'PERMISSION_DENIED'>) {
    super('PERMISSION_DENIED', init);
  }
}

/** A site or scheduler rule refused the request; `details.reason` says which. */
export class PolicyError extends HpckitError<'POLICY_VIOLATION'> {
  constructor(init: HpckitErrorInit<'POLICY_VIOLATION'>) {
    super('POLICY_VIOLATION', init);
  }
}

/** The scheduler did not answer (controller down or overloaded). Retryable. */
export class SchedulerUnavailableError extends HpckitError<'SCHEDULER_UNAVAILABLE'> {
  constructor(init: HpckitErrorInit<'SCHEDULER_UNAVAILABLE'>) {
    super('SCHEDULER_UNAVAILABLE', init);
  }
}

/** The connection to the scheduler host failed (SSH, process spawn). */
export class TransportError extends HpckitError<'TRANSPORT'> {
  constructor(init: HpckitErrorInit<'TRANSPORT'>) {
    super('TRANSPORT', init);
  }
}

/** Scheduler output could not be understood; `details.raw` has the text. */
export class ParseError extends HpckitError<'PARSE'> {
  constructor(init: HpckitErrorInit<'PARSE'>) {
    super('PARSE', init);
  }
}

/** The adapter does not declare the capability this call needs. */
export class UnsupportedError extends HpckitError<'UNSUPPORTED'> {
  constructor(init: HpckitErrorInit<'UNSUPPORTED'>) {
    super('UNSUPPORTED', init);
  }
}

/** An operation did not finish within its timeout. */
export class TimeoutError extends HpckitError<'TIMEOUT'> {
  constructor(init: HpckitErrorInit<'TIMEOUT'>) {
    super('TIMEOUT', init);
  }
}

/** An adapter failed in a way it did not describe (a bug); `cause` holds the original error. */
export class InternalError extends HpckitError<'INTERNAL'> {
  constructor(init: HpckitErrorInit<'INTERNAL'>) {
    super('INTERNAL', init);
  }
}

/**
 * Whether `err` is an hpckit error, optionally of one code.
 *
 * Checks a registered symbol rather than `instanceof`, so it also recognises errors thrown by a
 * second copy of `@hpckit/core` (two versions in one `node_modules`).
 *
 * @example
 * ```ts
 * const job = await client.jobs.get('1234').catch((err: unknown) => {
 *   if (isHpckitError(err, 'NOT_FOUND')) return null;
 *   throw err;
 * });
 * ```
 */
export function isHpckitError<C extends ErrorCode = ErrorCode>(
  err: unknown,
  code?: C,
): err is HpckitError<C> {
  if (typeof err !== 'object' || err === null || !(BRAND in err)) return false;
  return code === undefined || (err as unknown as HpckitError).code === code;
}

/** @internal The class of each code: what the error factory builds, and what `instanceof` checks across copies. */
export const ERROR_CLASSES: { [C in ErrorCode]: new (init: HpckitErrorInit<C>) => HpckitError<C> } = {
  VALIDATION: ValidationError,
  NOT_FOUND: NotFoundError,
  ALREADY_EXISTS: AlreadyExistsError,
  PERMISSION_DENIED: PermissionError,
  POLICY_VIOLATION: PolicyError,
  SCHEDULER_UNAVAILABLE: SchedulerUnavailableError,
  TRANSPORT: TransportError,
  PARSE: ParseError,
  UNSUPPORTED: UnsupportedError,
  TIMEOUT: TimeoutError,
  INTERNAL: InternalError,
};

const CODE_OF_CLASS: ReadonlyMap<unknown, ErrorCode> = new Map(
  Object.entries(ERROR_CLASSES).map(([code, cls]) => [cls, code as ErrorCode]),
);
