// Entry point of the mock's worker thread (see mockWorkerClient.ts). Plain JavaScript, so that it
// can register tsx itself: loader hooks of the parent thread do not reach a worker.
import { register } from 'tsx/esm/api';

register();
await import('./mockWorkerMain.ts');
