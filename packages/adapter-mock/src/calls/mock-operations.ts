/** Every adapter operation, named as core's runtime names them; calls are counted under these names. */
export const MOCK_OPERATIONS = [
  'jobs.submit',
  'jobs.render',
  'jobs.get',
  'jobs.list',
  'jobs.cancel',
  'jobs.hold',
  'jobs.release',
  'jobs.updateTimeLimit',
  'accounts.create',
  'accounts.list',
  'accounts.block',
  'accounts.unblock',
  'accounts.status',
  'users.add',
  'users.remove',
  'users.block',
  'users.unblock',
  'users.status',
  'config.cluster',
  'config.availability',
  'config.nodes',
  'version',
] as const;

/** One of {@link MOCK_OPERATIONS}. */
export type MockOperation = (typeof MOCK_OPERATIONS)[number];
