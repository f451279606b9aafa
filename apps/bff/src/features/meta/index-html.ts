import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PRESET, presetRange } from '@portrait/shared/dates';
import { scopeToSearchParams } from '@portrait/shared/scope';
import {
  APP_ENTRY_ID,
  FIRST_VIEW_CSS,
  FIRST_VIEW_LANG_SCRIPT,
  FIRST_VIEW_START_SCRIPT,
  firstViewHtml,
  ROOT_ELEMENT,
} from '@portrait/web/first-view';
import type { Request, RequestHandler } from 'express';
import type { Db } from '../../db/client';
import { getDataSpan } from '../../db/queries/meta';
import type { Logger } from '../../lib/logger';
import { viewerOf } from '../../routes/register-routes';
import type { SessionService } from '../auth/session-service';
import type { PortraitService } from '../portrait/portrait-service';
import type { ScopeResolver } from '../portrait/scope-resolver';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The CSP sources that let index.html's two inline scripts run (the first view's language, the app's start). */
export const FIRST_VIEW_SCRIPT_SRCS = [sha256(FIRST_VIEW_LANG_SCRIPT), sha256(FIRST_VIEW_START_SCRIPT)];

// Vite's entry script in the built index.html.
const ENTRY_SCRIPT = /<script type="module" crossorigin src="([^"]+)"><\/script>/;

type DashboardHead = { preloads: string[]; firstView: string | null };
const PLAIN: DashboardHead = { preloads: [], firstView: null };

/**
 * Serves the web app's index.html. For a signed-in visitor opening the dashboard (`/` without filters in the URL):
 * - `<link rel="preload">`s for the two requests the first view waits for — the filter metadata and the KPIs of the
 *   default period — so they run while the bundle downloads. Only for a valid session: a preloaded answer is kept
 *   until first use, so a signed-out visitor's preloaded 401 would later be taken for the real request.
 * - the first view itself (header, filter bar, the eight KPI cards with this viewer's figures, from the same service
 *   and cache as `GET /portrait/kpis`), painted before any JavaScript; the React root stays hidden until the app
 *   hands off (web: first-view/). Aggregates only, never personal data. On any error: the plain page.
 */
export function indexHtmlHandler(deps: {
  dist: string;
  /** Where the dashboards read (a replica when there is one): the last day must match the KPIs' data. */
  reads: Db;
  /** The dashboards' scope resolver: its shared version read, so the first view names the KPIs' version. */
  scopes: ScopeResolver;
  sessions: SessionService;
  portrait: PortraitService;
  logger: Logger;
}): RequestHandler {
  const { dist, reads, scopes, sessions, portrait, logger } = deps;
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const canRenderFirstView = html.includes(ROOT_ELEMENT);
  let lastDay: { version: number; day: string | null } | null = null;

  async function dashboardHead(req: Request): Promise<DashboardHead> {
    if (req.path !== '/' || Object.keys(req.query).length > 0) return PLAIN;
    const viewer = await viewerOf(req, sessions);
    if (!viewer) return PLAIN;
    const version = await scopes.dataVersion();
    if (lastDay?.version !== version) lastDay = { version, day: (await getDataSpan(reads)).lastDay };
    if (!lastDay.day) return { preloads: ['/api/v1/meta/filters'], firstView: null };
    // The same scope and URL the dashboard builds by default (features/filters: the preset ending on the last day).
    const scope = { ...presetRange(DEFAULT_PRESET, lastDay.day), cities: [], stores: [] };
    const preloads = [
      '/api/v1/meta/filters',
      `/api/v1/portrait/kpis?${scopeToSearchParams(scope).toString()}`,
    ];
    if (!canRenderFirstView) return { preloads, firstView: null };
    try {
      const kpis = await portrait.kpis(scope, viewer.allowedStores);
      return { preloads, firstView: firstViewHtml({ scope, lastDay: lastDay.day, kpis }) };
    } catch (err) {
      logger.warn({ err }, 'index.html: no first view (the app renders the page)');
      return { preloads, firstView: null };
    }
  }

  return (req, res, next) => {
    dashboardHead(req)
      .then(({ preloads, firstView }) => {
        let head = preloads
          .map(
            (url) =>
              `<link rel="preload" href="${url.replaceAll('&', '&amp;')}" as="fetch" crossorigin="anonymous" />`,
          )
          .join('');
        let page = html;
        if (firstView) {
          head += `<script>${FIRST_VIEW_LANG_SCRIPT}</script><style>${FIRST_VIEW_CSS}</style>`;
          page = page.replace(ROOT_ELEMENT, `${firstView}<div id="root" hidden></div>`);
          // The entry loads and runs after the first view's paint (FIRST_VIEW_START_SCRIPT).
          if (ENTRY_SCRIPT.test(page)) {
            page = page
              .replace(ENTRY_SCRIPT, `<meta name="${APP_ENTRY_ID}" id="${APP_ENTRY_ID}" content="$1">`)
              .replace('</body>', `<script>${FIRST_VIEW_START_SCRIPT}</script></body>`);
          }
        }
        res.setHeader('cache-control', 'no-cache');
        res.setHeader('vary', 'Cookie');
        res.type('html').send(head ? page.replace('</head>', `${head}</head>`) : page);
      })
      .catch(next);
  };
}
