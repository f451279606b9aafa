import type { Role } from '@portrait/shared/auth';
import type { Db } from '../../db/client';
import { listStores } from '../../db/queries/meta';
import { countUsers, insertUser, listUsers } from '../../db/queries/users';
import { DEFAULT_DEMO_PASSWORD, hashPassword, verifyPassword } from './passwords';

export type BootstrapSettings = {
  demoMode: boolean;
  demoPassword: string;
  adminUsername?: string | undefined;
  adminPassword?: string | undefined;
};

/**
 * Demo mode seeds the four documented users. Outside demo mode the first admin comes from ADMIN_USERNAME /
 * ADMIN_PASSWORD, and the product refuses to start while any account still has a demo password.
 */
export async function bootstrapUsers(db: Db, s: BootstrapSettings): Promise<string[]> {
  if (s.demoMode) {
    if ((await countUsers(db)) > 0) return [];
    const stores = await listStores(db);
    const firstCity = stores[0]?.city;
    const managed = stores
      .filter((st) => st.city === firstCity)
      .slice(0, 2)
      .map((st) => st.id);
    const hash = await hashPassword(s.demoPassword);
    const demo: { username: string; displayName: string; role: Role; stores: string[] }[] = [
      { username: 'admin', displayName: '系统管理员', role: 'admin', stores: [] },
      { username: 'analyst', displayName: '营销分析师', role: 'analyst', stores: [] },
      { username: 'executive', displayName: '管理层', role: 'executive', stores: [] },
      { username: 'manager', displayName: '店长', role: 'store_manager', stores: managed },
    ];
    for (const u of demo) {
      if (u.role === 'store_manager' && u.stores.length === 0) continue; // no stores loaded yet
      await insertUser(db, { ...u, passwordHash: hash });
    }
    return demo.map((u) => u.username);
  }

  const users = await listUsers(db);
  if (users.length === 0) {
    const { adminUsername, adminPassword } = s;
    if (!adminUsername || !adminPassword)
      throw new Error(
        'No users yet: set ADMIN_USERNAME and ADMIN_PASSWORD to create the first administrator.',
      );
    if (adminPassword === DEFAULT_DEMO_PASSWORD || adminPassword.length < 10)
      throw new Error('ADMIN_PASSWORD must be at least 10 characters and not the demo password.');
    await insertUser(db, {
      username: adminUsername,
      displayName: null,
      passwordHash: await hashPassword(adminPassword),
      role: 'admin',
      stores: [],
    });
    return [adminUsername];
  }
  for (const u of users) {
    if (await verifyPassword(u.passwordHash, DEFAULT_DEMO_PASSWORD))
      throw new Error(
        `User "${u.username}" still has the default demo password. Outside demo mode that is refused: ` +
          'start once in demo mode and change it on the admin page, or remove the account.',
      );
  }
  return [];
}
