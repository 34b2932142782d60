import { type SubmissionChecker, submissionProblems } from '@hpckit/billing/ledger';
import {
  formatError,
  isHpckitError,
  type JobSpecFormValues,
  type JobSpecInput,
  jobSpecFromForm,
  type Locale,
} from '@hpckit/core';
import type { QuoteView } from './pages/job-form.js';
import type { PortalServices } from './services.js';

/** A form read into a spec, or every reason it cannot be submitted, in the user's language. */
export interface CheckedForm extends QuoteView {
  spec?: JobSpecInput;
}

/**
 * Reads the job form (`jobSpecFromForm`) and runs the SDK's submission check on it (policy,
 * quote, balance and limit); the live quote and the submission share it.
 */
export async function checkForm(
  s: PortalServices,
  check: SubmissionChecker,
  user: string,
  values: JobSpecFormValues,
  locale: Locale,
): Promise<CheckedForm> {
  let input: JobSpecInput;
  try {
    input = jobSpecFromForm(values);
  } catch (err) {
    if (isHpckitError(err, 'VALIDATION')) return { problems: [formatError(err, { locale })] };
    throw err;
  }
  const result = await check(s.ledger.as({ user }), input);
  return {
    ...(result.ok && { spec: result.spec }),
    required: result.quote?.maximum.amount,
    currency: result.quote?.maximum.currency,
    problems: submissionProblems(result, locale),
  };
}
