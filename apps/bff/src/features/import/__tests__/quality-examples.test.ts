/**
 * The quality report looks up example order ids only for the checks that found some: a zero count costs no
 * query (each is a scan of the orders), and a non-zero count still names its first ids.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAN } from '../../../__tests__/helpers/import-fixture';
import { importTexts } from '../../../__tests__/helpers/import-files';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import type { Db } from '../../../db/client';
import { overallQuality } from '../../../db/queries/data-quality-overall';

/** The real database, counting the statements it is sent. */
function counting(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const wrapped = new Proxy(db, {
    get(target, key, receiver) {
      if (key !== 'execute') return Reflect.get(target, key, receiver) as unknown;
      return (...args: Parameters<Db['execute']>) => {
        n++;
        return target.execute(...args);
      };
    },
  });
  return { db: wrapped, statements: () => n };
}

/** Orders, customers, repeated orders, the orders–items join, items without product, customers without orders. */
const WITHOUT_EXAMPLES = 6;

describe.each(databaseKinds())('quality examples (%s)', (kind) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    expect((await importTexts(database, CLEAN)).status).toBe('succeeded');
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('When no order fails a check, Then no example query runs and every example list is empty', async () => {
    const probe = counting(database.db);
    const q = await overallQuality(probe.db);
    expect(q.orders.orders).toBeGreaterThan(0);
    expect([
      q.orders.nonPositiveAmount,
      q.orders.aboveNorm,
      q.orders.future,
      q.orders.beforeStoreOpened,
    ]).toEqual([0, 0, 0, 0]);
    expect(Object.values(q.orders.examples)).toEqual([[], [], [], []]);
    expect(probe.statements()).toBe(WITHOUT_EXAMPLES);
  });

  it('When some orders fail two checks, Then exactly those two example queries run and name them', async () => {
    await database.db.execute(sql`
      insert into orders (id, customer_id, store_id, ordered_at, channel, amount, status, day, hour)
      select 'QZERO', null, id, now() - interval '1 day', 'pos', 0, 'completed', current_date - 1, 12
      from stores order by id limit 1`);
    await database.db.execute(sql`
      insert into orders (id, customer_id, store_id, ordered_at, channel, amount, status, day, hour)
      select 'QLATER', null, id, now() + interval '30 days', 'pos', 20, 'completed', current_date + 30, 12
      from stores order by id limit 1`);
    const probe = counting(database.db);
    const q = await overallQuality(probe.db);
    expect(q.orders.nonPositiveAmount).toBe(1);
    expect(q.orders.future).toBe(1);
    expect(q.orders.examples).toEqual({
      nonPositiveAmount: ['QZERO'],
      aboveNorm: [],
      future: ['QLATER'],
      beforeStoreOpened: [],
    });
    expect(probe.statements()).toBe(WITHOUT_EXAMPLES + 2);
  });
});
