import bootChunks from 'virtual:boot-chunks';
import { writeFirstViewUrl } from '../first-view/default-url';
import { handOffFirstView } from '../first-view/hand-off';
// The first view's stylesheet (index.html links the entry's CSS): these two came with the shell's modules when they
// were the entry's imports; imported here they stay in it, in the same order, instead of moving to a later chunk.
import '../features/customer360/customer-search.css';
import '../components/grid.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The BFF's static first view stays until the React page has its KPIs (features/kpis); whatever else happens (an
// error screen, a page that never gets there), the React page shows after this long.
const FIRST_VIEW_AT_MOST_MS = 10_000;
setTimeout(handOffFirstView, FIRST_VIEW_AT_MOST_MS);
writeFirstViewUrl();

/** Lets the browser run a task of its own (input, a frame) before the next step. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The app starts in steps. Modules of one static graph are evaluated in one task, so the whole app as the entry's
 * imports was one long task (≈ 170–350 ms at 4× CPU). Each `import()` below evaluates only the modules not evaluated
 * yet, in a task of its own: React DOM; zod; the API schemas the first screen parses with; i18next with both
 * languages' messages, then the app's instance is made; antd's ConfigProvider (its core); the providers;
 * react-router (through the one hook that needs it); the dashboard (its antd components); the router with the shell
 * and the other routes. Steps import app modules, not packages: a package's `import()` would keep all its exports.
 * The entry modulepreloads all their chunks first (`virtual:boot-chunks`, vite/boot-preload.ts), so they download
 * together instead of one step after the other.
 */
async function boot(container: HTMLElement) {
  for (const href of bootChunks) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
  const { createRoot } = await import('react-dom/client');
  await nextTask();
  await import('./boot-zod');
  await nextTask();
  await import('./boot-schemas');
  await nextTask();
  const { createAppI18n } = await import('../lib/i18n');
  await nextTask();
  const i18n = createAppI18n();
  await nextTask();
  await import('./boot-antd');
  await nextTask();
  const { renderApp } = await import('./boot-app');
  await nextTask();
  await import('../lib/use-search-param');
  await nextTask();
  await import('./routes/dashboard');
  await nextTask();
  const { AppRouter } = await import('./router');
  await renderApp(createRoot(container), AppRouter, i18n);
}

void boot(root);
