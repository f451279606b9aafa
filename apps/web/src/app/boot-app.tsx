import { startTransition, StrictMode, type ComponentType } from 'react';
import type { i18n as I18n } from 'i18next';
import type { Root } from 'react-dom/client';
import { antdStylesReady } from './antd-css';
import { AppProvider } from './provider';

/**
 * Renders the app into `root` with the i18next instance main.tsx made (this module brings the providers; the
 * router comes in a later step). A transition render is concurrent: React yields to the browser every few
 * milliseconds, so the first render of the page runs as many short tasks instead of a few long ones that block
 * input. antd's styles are a static stylesheet (vite/antd-static-css.ts); it has normally arrived by now, else the
 * render waits for it.
 */
export async function renderApp(root: Root, AppRouter: ComponentType, i18n: I18n): Promise<void> {
  await antdStylesReady();
  startTransition(() => {
    root.render(
      <StrictMode>
        <AppProvider i18n={i18n}>
          <AppRouter />
        </AppProvider>
      </StrictMode>,
    );
  });
}
