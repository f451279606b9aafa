/**
 * `DATABASE_URL=… tsx bench/suggestion-queries.ts [--rounds 2] [--only chain30,store30]`: times each query the
 * suggestion engine's input is gathered from (`collectEngineInput`), separately, for a few scopes: the chain over
 * 30 and 365 days, a custom chain range (90 days ending two weeks before the data's last day), the city with the
 * most stores over 30 days and one store over 30 days. Read-only. The SQL path (no in-memory columns) unless
 * --columns: then the columns are loaded first and the queries they answer are timed from them.
 */
import { sql } from 'drizzle-orm';
import { ASSOCIATION, CROSS_SELL_MAX, OVERDUE_FACTOR } from '../src/features/suggestions/parameters';
import { distinctPairs } from '../src/features/suggestions/engine-input';
import { associationRulesReference } from '../src/features/suggestions/__tests__/association-reference';
import { openDatabase } from '../src/db/client';
import { queryRows } from '../src/db/sql';
import type { Period } from '../src/db/queries/portrait';
import type { StoreFilter } from '../src/db/queries/scope-sql';
import { associationRules, repurchaseGaps, segmentRecency } from '../src/db/queries/suggestion-aggregates';
import { crossSellSummaries, targetSummary } from '../src/db/queries/suggestion-targets';
import { CHANNEL_BITS, channelsMask, hourRangeMask } from '../src/db/queries/mix-masks';
import { getDataVersion } from '../src/db/queries/data-meta';
import { createCustomerColumns } from '../src/features/customer-columns/customer-columns-service';
import { createLogger } from '../src/lib/logger';
import { segmentChurn } from '../src/db/queries/segment-churn';
import { PLATFORM_CHANNELS } from '@portrait/shared/suggestions';
import { addDays } from '@portrait/shared/dates';
import { suggestionBenchScopes } from './suggestion-bench-scopes';

const args = process.argv.slice(2).filter((a) => a !== '--');
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 1;
/** --old [a,b]: also time the previous formulations (for the named scopes only, when given). */
const oldArg = args.includes('--old') ? (args[args.indexOf('--old') + 1] ?? '') : null;
const oldFor = (name: string) =>
  oldArg !== null && (oldArg === '' || oldArg.startsWith('--') || oldArg.split(',').includes(name));
const withColumns = args.includes('--columns');
/** Skip the SQL of the per-customer figures (the columns answer them): only rules, cross-sell and churn. */
const skipCustomerSql = args.includes('--skip-customer-sql');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : null;
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL');
const { db, close } = await openDatabase({ url });

const version = await getDataVersion(db);
const columns = createCustomerColumns({ db, logger: createLogger('warn'), enabled: withColumns });
if (withColumns) {
  const t = performance.now();
  await columns.ready(version);
  console.log(`columns loaded in ${Math.round(performance.now() - t)} ms`);
}
const { last, city, cityStores, store } = await suggestionBenchScopes(db);
const runs = await queryRows<{ id: number; as_of_day: string }>(
  db,
  sql`select id, as_of_day::text as as_of_day from model_runs where status = 'ready' and as_of_day is not null
      order by id desc limit 1`,
);
const run = runs[0] ?? null;

const scopes: { name: string; p: Period; stores: StoreFilter }[] = [
  { name: 'chain30', p: { from: addDays(last, -29), to: last }, stores: null },
  { name: 'chain365', p: { from: addDays(last, -364), to: last }, stores: null },
  { name: 'chainCustom90', p: { from: addDays(last, -14 - 89), to: addDays(last, -14) }, stores: null },
  { name: `city30`, p: { from: addDays(last, -29), to: last }, stores: cityStores },
  { name: `store30`, p: { from: addDays(last, -29), to: last }, stores: [store] },
].filter((s) => !only || only.includes(s.name));
console.log(
  `last day ${last}; city ${city} (${cityStores.length} stores); store ${store}; churn run ${run?.id}`,
);

async function timed<T>(out: Record<string, number>, key: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await f();
  out[key] = Math.round(performance.now() - t);
  return r;
}

for (let round = 0; round < rounds; round++)
  for (const { name, p, stores } of scopes) {
    const t: Record<string, number> = {};
    if (withColumns) {
      const platform = channelsMask([...PLATFORM_CHANNELS]);
      const got = await timed(t, 'columnsPass', async () =>
        columns.suggestionFigures(version, p, stores, {
          overdueFactor: OVERDUE_FACTOR,
          offPeakHours: hourRangeMask(14, 16),
          platformBlocked: platform === null ? null : CHANNEL_BITS & ~platform,
        }),
      );
      if (!got) throw new Error('columns did not answer');
    }
    if (!skipCustomerSql) await timed(t, 'segmentRecency', () => segmentRecency(db, p, stores));
    if (!skipCustomerSql) await timed(t, 'repurchaseGaps', () => repurchaseGaps(db, p, stores));
    if (!skipCustomerSql)
      await timed(t, 'repurchase_due', () =>
        targetSummary(db, p, stores, { rule: 'repurchase_due', overdueFactor: OVERDUE_FACTOR }),
      );
    if (!skipCustomerSql)
      await timed(t, 'first_to_second', () => targetSummary(db, p, stores, { rule: 'first_to_second' }));
    if (oldFor(name))
      await timed(t, 'associationRules(old)', () =>
        associationRulesReference(db, p, stores, ASSOCIATION, 12),
      );
    const rules = distinctPairs(
      await timed(t, 'associationRules', () => associationRules(db, p, stores, ASSOCIATION, 12)),
      CROSS_SELL_MAX + 2,
    );
    await timed(t, `crossSellSummaries x${rules.length}`, () => crossSellSummaries(db, p, stores, rules));
    if (oldFor(name))
      await timed(t, `cross_sell x${rules.length}`, async () => {
        for (const rule of rules)
          await targetSummary(db, p, stores, {
            rule: 'cross_sell',
            antecedent: rule.antecedent,
            antecedentName: rule.antecedentName,
            consequent: rule.consequent,
            consequentName: rule.consequentName,
          });
      });
    if (!skipCustomerSql)
      await timed(t, 'off_peak', () =>
        targetSummary(db, p, stores, { rule: 'off_peak', fromHour: 14, toHour: 16 }),
      );
    if (!skipCustomerSql)
      await timed(t, 'platform_only', () =>
        targetSummary(db, p, stores, { rule: 'platform_only', channels: [...PLATFORM_CHANNELS] }),
      );
    if (run)
      await timed(t, 'churnBySegment', () =>
        segmentChurn(db, { runId: run.id, asOfDay: run.as_of_day, period: p, stores }),
      );
    const total = Object.values(t).reduce((a, b) => a + b, 0);
    console.log(`${name} ${p.from}..${p.to}: total ${total} ms ${JSON.stringify(t)}`);
  }
await columns.stop();
await close();
