import type { JobSpecFormField } from '@hpckit/core';
import { html } from 'hono/html';
import { form, type Html, layout, messages, type View } from './layout.js';

/** Choices of a field the site restricts (accounts the user may use, the site's partitions). */
export type FieldChoices = Readonly<Record<string, readonly string[]>>;

function input(field: JobSpecFormField, value: string, choices: readonly string[] | undefined): Html {
  const name = field.name;
  if (choices)
    return html`<select name="${name}">${choices.map(
      (c) => html`<option value="${c}" ${c === value ? 'selected' : ''}>${c}</option>`,
    )}</select>`;
  if (field.input === 'textarea') return html`<textarea name="${name}" rows="4">${value}</textarea>`;
  if (field.input === 'checkbox')
    return html`<input type="checkbox" name="${name}" ${value === 'on' ? 'checked' : ''} />`;
  // A number field the browser would refuse to send when out of bounds: the text goes to the
  // server as typed, so the SDK's own message says what is wrong.
  return html`<input name="${name}" value="${value}" ${field.input === 'integer' ? html`inputmode="numeric"` : ''} />`;
}

/**
 * The job form: one row per field of the JobSpec JSON Schema the site shows, its description as
 * the hint, the site's defaults filled; the live quote and the policy's messages appear in
 * `#quote` as the user types (static/quote.js asks `/jobs/quote`).
 */
export const jobFormPage = (
  v: View,
  fields: readonly JobSpecFormField[],
  values: Readonly<Record<string, string>>,
  choices: FieldChoices,
  errors: readonly string[],
): Html =>
  layout(
    v,
    v.t.newJob,
    html`${messages(errors)}
    ${form(
      v,
      '/jobs',
      html`${fields.map(
        (f) =>
          html`<p><label>${f.label[v.locale]} ${input(f, values[f.name] ?? '', choices[f.name])}</label>
          <small>${f.description[v.locale]}</small></p>`,
      )}
      <div id="quote" aria-live="polite"></div>
      <button type="submit" id="submit">${v.t.submit}</button>`,
      html`id="job-form"`,
    )}`,
    '/static/quote.js',
  );

/** What the live quote found: the price, and every reason the job would be refused. */
export interface QuoteView {
  required?: string;
  currency?: string;
  problems: readonly string[];
}

/** The live quote's fragment, put into the form's `#quote`. */
export const quoteFragment = (v: View, q: QuoteView): Html =>
  html`${q.required ? html`<p class="quote">${v.t.quote}: ${v.t.quoteUpTo} <strong id="quote-amount">${q.required} ${q.currency}</strong></p>` : ''}
  ${q.problems.length ? html`<p>${v.t.fixFirst}</p>${messages(q.problems, 'error problems')}` : ''}`;
