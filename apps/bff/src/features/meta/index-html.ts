import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_PRESET, presetRange } from '@portrait/shared/dates';
import { scopeToSearchParams } from '@portrait/shared/scope';
import type { Request, RequestHandler } from 'express';
import type { Db } from '../../db/client';
import { getDataVersion } from '../../db/queries/data-meta';
import { getDataSpan } from '../../db/queries/meta';
import { viewerOf } from '../../routes/register-routes';
import type { SessionService } from '../auth/session-service';

/**
 * Serves the web app's index.html. For a signed-in visitor opening the dashboard (`/` without filters in the URL) it
 * adds `<link rel="preload">`s for the two requests the first view waits for — the filter metadata and the KPIs of the
 * default period — so they run while the bundle downloads instead of one after the other once it has run. Only for a
 * valid session: a preloaded answer is kept until first use, so a signed-out visitor's preloaded 401 would later be
 * taken for the real request.
 */
export function indexHtmlHandler(deps: { dist: string; db: Db; sessions: SessionService }): RequestHandler {
  const { dist, db, sessions } = deps;
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  let lastDay: { version: number; day: string | null } | null = null;

  async function dashboardRequests(req: Request): Promise<string[]> {
    if (req.path !== '/' || Object.keys(req.query).length > 0) return [];
    if (!(await viewerOf(req, sessions))) return [];
    const version = await getDataVersion(db);
    if (lastDay?.version !== version) lastDay = { version, day: (await getDataSpan(db)).lastDay };
    const urls = ['/api/v1/meta/filters'];
    // The same URL the dashboard builds for the default scope (features/filters: the preset ending on the last day).
    if (lastDay.day) {
      const scope = { ...presetRange(DEFAULT_PRESET, lastDay.day), cities: [], stores: [] };
      urls.push(`/api/v1/portrait/kpis?${scopeToSearchParams(scope).toString()}`);
    }
    return urls;
  }

  return (req, res, next) => {
    dashboardRequests(req)
      .then((urls) => {
        const links = urls
          .map(
            (url) =>
              `<link rel="preload" href="${url.replaceAll('&', '&amp;')}" as="fetch" crossorigin="anonymous" />`,
          )
          .join('');
        res.setHeader('cache-control', 'no-cache');
        res.setHeader('vary', 'Cookie');
        res.type('html').send(links ? html.replace('</head>', `${links}</head>`) : html);
      })
      .catch(next);
  };
}
