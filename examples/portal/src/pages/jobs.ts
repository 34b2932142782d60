import { formatDuration, type Job, type JobOutput } from '@hpckit/core';
import { html } from 'hono/html';
import { jobTable } from './dashboard.js';
import { form, type Html, layout, messages, type View } from './layout.js';

/** Unfinished jobs the user may see (their own; an admin's accounts' too). */
export const jobsPage = (v: View, jobs: readonly Job[], notice: readonly string[] = []): Html =>
  layout(v, v.t.jobs, html`${messages(notice, 'notice')}${jobTable(v, jobs, 'jobs')}`);

/** What the job page shows of a job's files: its output, and its directory in the user's home. */
export interface JobFilesView {
  /** stdout and stderr as read now (bounded), or why one could not be read (in the user's language). */
  outputs: readonly (JobOutput | { stream: JobOutput['stream']; error: string })[];
  /** The working directory relative to the user's home, when it lies in it. */
  directory: string | undefined;
}

const outputBlock = (v: View, o: JobFilesView['outputs'][number]) =>
  'error' in o
    ? html`<section class="output"><h3>${v.t.output}: ${o.stream}</h3><p class="error" id="${o.stream}-error">${o.error}</p></section>`
    : html`<section class="output"><h3>${v.t.output}: ${o.stream}</h3>
  ${o.path === undefined ? '' : html`<p><code id="${o.stream}-path">${o.path}</code></p>`}
  ${
    o.exists
      ? html`<pre id="${o.stream}">${o.text}</pre>${o.truncated ? html`<p id="${o.stream}-truncated">${v.t.outputTruncated}</p>` : ''}`
      : html`<p id="${o.stream}-none">${v.t.outputNotYet}</p>`
  }</section>`;

/** One job, with cancel and a time-limit change while it has not ended, and its output. */
export const jobPage = (
  v: View,
  job: Job,
  errors: readonly string[],
  files: JobFilesView = { outputs: [], directory: undefined },
): Html => {
  const id = encodeURIComponent(job.id);
  const actions = job.state.outcome
    ? html``
    : html`${form(v, `/jobs/${id}/cancel`, html`<button type="submit" id="cancel">${v.t.cancel}</button>`)}
      ${form(
        v,
        `/jobs/${id}/time-limit`,
        html`<label>${v.t.timeLimit} <input name="timeLimit" value="${formatDuration(job.timeLimitSeconds ?? 0)}" /></label>
        <button type="submit" id="change-limit">${v.t.change}</button>`,
      )}`;
  return layout(
    v,
    `${v.t.job} ${job.id}`,
    html`${messages(errors)}
    <dl id="job">
      <dt>${v.t.name}</dt><dd>${job.name}</dd>
      <dt>${v.t.user}</dt><dd>${job.user}</dd>
      <dt>${v.t.account}</dt><dd>${job.account ?? ''}</dd>
      <dt>${v.t.state}</dt><dd id="job-state">${job.state.phase} ${job.state.outcome ?? ''}</dd>
      <dt>${v.t.timeLimit}</dt><dd id="job-limit">${formatDuration(job.timeLimitSeconds ?? 0)}</dd>
      <dt>${v.t.elapsed}</dt><dd>${formatDuration(job.elapsedSeconds)}</dd>
      ${
        files.directory === undefined
          ? ''
          : html`<dt>${v.t.jobDirectory}</dt><dd><a id="job-dir" href="/files?path=${encodeURIComponent(files.directory)}">~/${files.directory === '.' ? '' : files.directory}</a></dd>`
      }
    </dl>
    ${actions}
    ${files.outputs.map((o) => outputBlock(v, o))}`,
  );
};
