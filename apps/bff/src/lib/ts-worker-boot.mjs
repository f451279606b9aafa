// Entry of every TypeScript worker thread: registers tsx, resolved from this file (not from the working directory,
// which may be the repository root where tsx is not installed), then runs the module named in argv.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
