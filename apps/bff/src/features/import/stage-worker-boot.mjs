// Entry of the staging worker thread: TypeScript through tsx, whatever started the importing thread
// (tsx, node --import tsx, vitest).
import { register } from 'tsx/esm/api';

register();
await import('./stage-worker.ts');
