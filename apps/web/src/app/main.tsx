import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { handOffFirstView } from '../first-view/hand-off';
import { antdStylesReady } from './antd-css';
import { AppProvider } from './provider';
import { AppRouter } from './router';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The BFF's static first view stays until the React page has its KPIs (features/kpis); whatever else happens (an
// error screen, a page that never gets there), the React page shows after this long.
const FIRST_VIEW_AT_MOST_MS = 10_000;
setTimeout(handOffFirstView, FIRST_VIEW_AT_MOST_MS);

// A transition render is concurrent: React yields to the browser every few milliseconds, so the first render of the
// page runs as many short tasks instead of a few long ones that block input. antd's styles are a static stylesheet
// (vite/antd-static-css.ts); it has normally arrived by now, else the render waits for it.
void antdStylesReady().then(() =>
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <AppProvider>
          <AppRouter />
        </AppProvider>
      </StrictMode>,
    );
  }),
);
