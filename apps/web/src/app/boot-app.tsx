import { startTransition, StrictMode, type ComponentType } from 'react';
import type { Root } from 'react-dom/client';
import { antdStylesReady } from './antd-css';
import { AppProvider } from './provider';

/**
 * Renders the app into `root` (main.tsx's second step: this module brings the providers; the router comes in the
 * third). A transition render is concurrent: React yields to the browser every few milliseconds, so the first
 * render of the page runs as many short tasks instead of a few long ones that block input. antd's styles are a
 * static stylesheet (vite/antd-static-css.ts); it has normally arrived by now, else the render waits for it.
 */
export async function renderApp(root: Root, AppRouter: ComponentType): Promise<void> {
  await antdStylesReady();
  startTransition(() => {
    root.render(
      <StrictMode>
        <AppProvider>
          <AppRouter />
        </AppProvider>
      </StrictMode>,
    );
  });
}
