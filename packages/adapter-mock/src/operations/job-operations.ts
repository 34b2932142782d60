import type { JobOperations } from '@hpckit/core';
import type { Immediate } from './immediate-operations.js';
import { cancelJob, holdJob, updateTimeLimit } from './job-control.js';
import { getJob, listJobsOf } from '../listing/job-queries.js';
import type { MockContext } from './mock-context.js';
import { renderJob, submitJob } from './submit-job.js';
import { submitMany } from './submit-many.js';

/** The mock's job operations. */
export function createJobOperations(ctx: MockContext): Immediate<JobOperations> {
  return {
    submit: (spec, call) => submitJob(ctx, spec, call),
    submitMany: (submissions, call) => submitMany(ctx, submissions, call),
    render: (spec, call) => renderJob(ctx, spec, call),
    get: (id) => getJob(ctx, id),
    list: (query) => listJobsOf(ctx, query),
    cancel: (id, call) => cancelJob(ctx, id, call),
    hold: (id, call) => holdJob(ctx, id, call, 'hold'),
    release: (id, call) => holdJob(ctx, id, call, 'release'),
    updateTimeLimit: (id, change, call) => updateTimeLimit(ctx, id, change, call),
  };
}
