/**
 * After an import (the real import path, which bumps the data version), the portrait service never answers from
 * the old copy of the customer columns: at once it answers from the SQL, and once the copy for the new version is
 * loaded, from the copy — equal to a service without columns each time (PGlite and PostgreSQL).
 */
import type { Overview } from '@portrait/shared/portrait';
import type { Scope } from '@portrait/shared/scope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { getDataVersion } from '../../../db/queries/data-meta';
import { createLogger } from '../../../lib/logger';
import { createResultCache } from '../../../lib/result-cache';
import { CLEAN } from '../../../__tests__/helpers/import-fixture';
import { importTexts } from '../../../__tests__/helpers/import-files';
import { databaseKinds, openTestDatabase } from '../../../__tests__/helpers/test-databases';
import { createPortraitService } from '../../portrait/portrait-service';
import { createScopeResolver } from '../../portrait/scope-resolver';
import { createStoreCatalog } from '../../portrait/store-catalog';
import { createCustomerColumns, type CustomerColumnsService } from '../customer-columns-service';

const MORE_ORDERS = {
  'orders.csv': [
    'order_id,customer_id,store_id,ordered_at,channel,order_type,amount,discount,payment_method,status',
    'O5,C1,S3,2025-06-04 12:00,meituan,delivery,88.80,0,wechat,completed',
    'O6,C2,S1,2025-06-05 20:15,pos,dine_in,19.90,0,alipay,completed',
    'O7,C2,S1,2025-05-30 08:00,pos,dine_in,5.00,0,alipay,completed',
  ].join('\n'),
};

/** Committed between a request's version read and its panels' queries (the race the retry must survive). */
const RACING_ORDERS = {
  'orders.csv': [
    'order_id,customer_id,store_id,ordered_at,channel,order_type,amount,discount,payment_method,status',
    'O8,C1,S1,2025-06-10 09:30,pos,dine_in,42.00,0,wechat,completed',
    'O9,C3,S3,2025-06-12 18:45,eleme,delivery,66.60,0,alipay,completed',
  ].join('\n'),
};

const SCOPES: Scope[] = [
  { from: '2025-06-01', to: '2025-06-30', cities: [], stores: [] },
  { from: '2025-06-03', to: '2025-06-05', cities: [], stores: ['S1'] },
  { from: '2025-06-01', to: '2025-06-07', cities: ['上海'], stores: [] },
];

describe.each(databaseKinds())('Customer columns across a data change (%s)', (kind) => {
  let database: Database & { dispose: () => Promise<void> };
  let columns: CustomerColumnsService;
  /** Per question: the version asked and whether the columns answered it. */
  const asked: { version: number; answered: boolean }[] = [];
  let withColumns: ReturnType<typeof createPortraitService>;
  let sqlOnly: ReturnType<typeof createPortraitService>;
  let scopes: ReturnType<typeof createScopeResolver>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await importTexts(database, CLEAN);
    const db = database.db;
    columns = createCustomerColumns({ db, logger: createLogger('silent'), enabled: true });
    const spy = {
      figures: (...args: Parameters<CustomerColumnsService['figures']>) => {
        const answer = columns.figures(...args);
        asked.push({ version: args[0], answered: answer !== null });
        return answer;
      },
      mixSums: (...args: Parameters<CustomerColumnsService['mixSums']>) => {
        const answer = columns.mixSums(...args);
        asked.push({ version: args[0], answered: answer !== null });
        return answer;
      },
      topProducts: (...args: Parameters<CustomerColumnsService['topProducts']>) => {
        const answer = columns.topProducts(...args);
        asked.push({ version: args[0], answered: answer !== null });
        return answer;
      },
      firsts: (...args: Parameters<CustomerColumnsService['firsts']>) => {
        const answer = columns.firsts(...args);
        asked.push({ version: args[0], answered: answer !== null });
        return answer;
      },
    };
    scopes = createScopeResolver(db, createStoreCatalog(db));
    const cache = () => createResultCache({ enabled: false });
    withColumns = createPortraitService({ db, scopes, cache: cache(), columns: spy });
    sqlOnly = createPortraitService({ db, scopes, cache: cache() });
  });
  afterAll(async () => {
    await columns?.stop();
    await database?.dispose();
  });

  const overviews = async (service: typeof withColumns) => {
    const out: Overview[] = [];
    for (const scope of SCOPES) out.push(await service.overview(scope, null));
    return out;
  };

  it('When an import changes the data, Then no answer comes from the old copy and all equal the SQL', async () => {
    const v1 = await getDataVersion(database.db);
    expect(await columns.ready(v1)).toBe(true);
    const before = await overviews(withColumns);
    expect(before).toEqual(await overviews(sqlOnly));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((a) => a.version === v1 && a.answered)).toBe(true);

    await importTexts(database, MORE_ORDERS);
    const v2 = await getDataVersion(database.db);
    expect(v2).toBeGreaterThan(v1);
    asked.length = 0;
    const after = await overviews(withColumns);
    expect(after).toEqual(await overviews(sqlOnly));
    expect(after).not.toEqual(before);
    // Every question named the new version; the first found the copy of v1 and was answered by the SQL (later
    // ones may find the copy of v2 already loaded).
    expect(asked.every((a) => a.version === v2)).toBe(true);
    expect(asked[0]?.answered).toBe(false);
    expect(columns.status()?.version ?? v2).toBe(v2);

    expect(await columns.ready(v2)).toBe(true);
    asked.length = 0;
    expect(await overviews(withColumns)).toEqual(after);
    expect(asked.every((a) => a.version === v2 && a.answered)).toBe(true);
  });

  it('When an import commits after a panel read its version, Then the retry answers the new data, not the old copy', async () => {
    const v = await getDataVersion(database.db);
    expect(await columns.ready(v)).toBe(true);
    let raced = false;
    // The request resolves its scope (and data version) before the import commits; its queries run after.
    const racing = createPortraitService({
      db: database.db,
      scopes: {
        ...scopes,
        resolve: async (...args: Parameters<typeof scopes.resolve>) => {
          const resolved = await scopes.resolve(...args);
          if (!raced) {
            raced = true;
            await importTexts(database, RACING_ORDERS);
          }
          return resolved;
        },
      },
      cache: createResultCache({ enabled: false }),
      columns,
    });
    const answer = await racing.overview(SCOPES[0]!, null);
    expect(raced).toBe(true);
    expect(await getDataVersion(database.db)).toBeGreaterThan(v);
    expect(answer).toEqual(await sqlOnly.overview(SCOPES[0]!, null));
  });
});
