import type { Role, SessionUser } from '@portrait/shared/auth';

/** Who is asking: the signed-in user, the stores they are limited to (null = whole chain), and their session. */
export type Viewer = {
  user: SessionUser;
  /** Store ids a store manager may see; null for every other role. */
  allowedStores: string[] | null;
  tokenHash: string;
  csrfToken: string;
  ip: string | null;
};

export const isRole = (viewer: Viewer, ...roles: Role[]) => roles.includes(viewer.user.role);

/** Personal data is shown unmasked to admins only (PRODUCT §5). */
export const seesPersonalData = (viewer: Viewer) => viewer.user.role === 'admin';
