// Runs the fuzz targets of one module in a worker thread, so the main thread can stop it when a
// call never settles: a synchronous endless loop blocks its own thread's timers, not another's.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runTargets } = await import('./run-targets.ts');
await runTargets(workerData);
