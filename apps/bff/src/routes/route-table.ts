import type { Role } from '@portrait/shared/auth';
import type { Request, Response } from 'express';
import type { Viewer } from '../features/auth/viewer';

/**
 * Every API route is declared as data with its access policy, so authentication, role checks, CSRF and the
 * envelope are applied in one place, and tests enumerate the table (a route without a policy cannot register).
 *  - 'public': anyone (login only);
 *  - 'signed_in': any signed-in user (their own session);
 *  - a list of roles: only those roles.
 */
export type Access = 'public' | 'signed_in' | readonly Role[];

export type RouteContext = { req: Request; res: Response; viewer: Viewer };
export type PublicRouteContext = { req: Request; res: Response; viewer: Viewer | null };

type Base = { method: 'get' | 'post' | 'put' | 'delete'; path: string };

export type RouteDef =
  | (Base & { access: 'public'; handler: (ctx: PublicRouteContext) => Promise<unknown> })
  | (Base & { access: Exclude<Access, 'public'>; handler: (ctx: RouteContext) => Promise<unknown> });

export const ALL_ROLES = [
  'admin',
  'analyst',
  'executive',
  'store_manager',
] as const satisfies readonly Role[];
/** Roles that may look at individual customers: never executives (PRODUCT §5). */
export const CUSTOMER_ROLES = ['admin', 'analyst', 'store_manager'] as const satisfies readonly Role[];
export const ADMIN_ONLY = ['admin'] as const satisfies readonly Role[];
