import type { JobOperations } from '@hpckit/core';
import type { CallGuard } from './call-guard.js';
import { cancelJob, holdJob, updateTimeLimit } from './job-control.js';
import { getJob, listJobsOf } from './job-queries.js';
import type { MockContext } from './mock-context.js';
import { renderJob, submitJob } from './submit-job.js';

/** The mock's job operations, each run through the call guard. */
export function createJobOperations(ctx: MockContext, guard: CallGuard): Required<JobOperations> {
  return {
    submit: (spec, call) => guard('jobs.submit', call, () => submitJob(ctx, spec, call)),
    render: (spec, call) => guard('jobs.render', call, () => renderJob(ctx, spec, call)),
    get: (id, call) => guard('jobs.get', call, () => getJob(ctx, id)),
    list: (query, call) => guard('jobs.list', call, () => listJobsOf(ctx, query)),
    cancel: (id, call) => guard('jobs.cancel', call, () => cancelJob(ctx, id, call)),
    hold: (id, call) => guard('jobs.hold', call, () => holdJob(ctx, id, call, 'hold')),
    release: (id, call) => guard('jobs.release', call, () => holdJob(ctx, id, call, 'release')),
    updateTimeLimit: (id, change, call) =>
      guard('jobs.updateTimeLimit', call, () => updateTimeLimit(ctx, id, change, call)),
  };
}
