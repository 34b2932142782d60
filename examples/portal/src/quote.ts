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
 * The checks a submission must pass, in the order a user fixes them: the spec itself, the site's
 * resource policy (its bilingual messages), then the quote against the account's balance and the
 * user's spending limit. Each step is one SDK call; the live quote and the submission share it.
 */
export async function checkForm(
  s: PortalServices,
  user: string,
  values: JobSpecFormValues,
  locale: Locale,
): Promise<CheckedForm> {
  let spec: JobSpecInput;
  try {
    spec = s.policy.applyDefaults(jobSpecFromForm(values));
  } catch (err) {
    if (isHpckitError(err, 'VALIDATION')) return { problems: [formatError(err, { locale })] };
    throw err;
  }
  const policy = s.policy.check(spec);
  if (!policy.ok) return { spec, problems: policy.violations.map((v) => v.message[locale]) };
  const view = s.ledger.as({ user });
  const line = (await view.balances()).find((b) => b.account === spec.account);
  if (!line) return { spec, problems: [] };
  const quote = s.pricing.quote(spec, { cluster: s.cluster, accountType: line.type });
  const check = await view.checkQuote(line.account, quote);
  return {
    spec,
    required: check.required,
    currency: check.currency,
    problems: check.errors.map((e) => formatError(e, { locale })),
  };
}
