import { loginRequestSchema, type Me } from '@portrait/shared/auth';
import type { Response } from 'express';
import type { SessionService } from '../features/auth/session-service';
import type { Viewer } from '../features/auth/viewer';
import { parseOrThrow } from '../lib/validate';
import { clientIp, SESSION_COOKIE } from './register-routes';
import type { RouteDef } from './route-table';

const me = (viewer: Viewer): Me => ({ user: viewer.user, csrfToken: viewer.csrfToken });

export function authRoutes(sessions: SessionService, cookie: { secure: boolean }): RouteDef[] {
  const setCookie = (res: Response, token: string) =>
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: cookie.secure, path: '/' });
  return [
    {
      method: 'post',
      path: '/api/v1/auth/login',
      access: 'public',
      handler: async ({ req, res }) => {
        const { username, password } = parseOrThrow(loginRequestSchema, req.body);
        const { token, viewer } = await sessions.login(username, password, {
          ip: clientIp(req),
          userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
        });
        setCookie(res, token);
        return me(viewer);
      },
    },
    {
      method: 'post',
      path: '/api/v1/auth/logout',
      access: 'signed_in',
      handler: async ({ res, viewer }) => {
        await sessions.logout(viewer);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return { signedOut: true };
      },
    },
    {
      method: 'get',
      path: '/api/v1/auth/me',
      access: 'signed_in',
      handler: async ({ viewer }) => me(viewer),
    },
  ];
}
