import type { Express, Request } from 'express';
import type { SessionService } from '../features/auth/session-service';
import type { Viewer } from '../features/auth/viewer';
import { AppError } from '../lib/errors';
import { JsonText } from '../lib/json-text';
import type { RouteDef } from './route-table';

export const SESSION_COOKIE = 'portrait_session';

export function clientIp(req: Request): string | null {
  return req.ip ?? null;
}

/** The viewer of the request's session cookie; null without one, with a malformed one, or when it has ended. */
export async function viewerOf(req: Request, sessions: SessionService): Promise<Viewer | null> {
  const token: unknown = req.cookies?.[SESSION_COOKIE];
  return typeof token === 'string' && token.length > 0 && token.length < 200
    ? sessions.resolve(token, clientIp(req))
    : null;
}

/** Mounts the route table: session → policy → CSRF → handler → envelope. */
export function registerRoutes(app: Express, routes: RouteDef[], sessions: SessionService): void {
  for (const route of routes) {
    // The type demands a policy; this guards plain-JS or cast route objects at start-up too.
    if (!(route as { access?: unknown }).access)
      throw new Error(`route ${route.method.toUpperCase()} ${route.path} declares no access policy`);
    app[route.method](route.path, async (req, res) => {
      const viewer = await viewerOf(req, sessions);
      let data: unknown;
      if (route.access === 'public') {
        data = await route.handler({ req, res, viewer });
      } else {
        if (!viewer) throw new AppError('unauthorized', 'sign in first (no valid session)');
        if (route.access !== 'signed_in' && !route.access.includes(viewer.user.role))
          throw new AppError('forbidden', `the ${viewer.user.role} role may not use ${route.path}`);
        if (route.method !== 'get' && req.get('x-csrf-token') !== viewer.csrfToken)
          throw new AppError('forbidden', 'missing or wrong CSRF token (x-csrf-token header)');
        data = await route.handler({ req, res, viewer });
      }
      if (res.headersSent) return;
      if (data instanceof JsonText) res.type('application/json; charset=utf-8').send(data.body);
      else res.json({ success: true, data });
    });
  }
}
