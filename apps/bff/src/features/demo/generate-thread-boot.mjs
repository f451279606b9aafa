// Entry of the demo generator's worker thread: TypeScript through tsx, resolved from this file (not from the
// working directory, which may be the repository root where tsx is not installed), whatever started the loader.
import { register } from 'tsx/esm/api';

register();
await import('./generate-thread.ts');
