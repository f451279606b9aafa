/**
 * The association rules' previous formulation (before issue 9): every (order, product) of the scope materialized,
 * baskets as arrays per order, pairs unnested per order. Kept as the reference the faster query must equal, and
 * for the benchmark's before/after (bench/suggestion-queries.ts --old).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { num, queryRows } from '../../../db/sql';
import type { Period } from '../../../db/queries/portrait';
import { dayBetween, storeIn, type StoreFilter } from '../../../db/queries/scope-sql';
import type { AssociationRule, AssociationThresholds } from '../../../db/queries/suggestion-aggregates';

/**
 * Rules A → B over the baskets (distinct products of one completed order) in scope, strongest lift first.
 * support = n(A∧B)/N, confidence = n(A∧B)/n(A), lift = confidence / (n(B)/N); thresholds are compared on the
 * integer counts (n(A∧B) ≥ minSupport·N, …) so that no rounding decides. A product below minimum support alone
 * cannot be in a frequent pair (Apriori), so only frequent products are paired. Pairs are unnested from each
 * basket's product array rather than found by a self-join, so the work is Σ k² whatever the planner estimates
 * (a self-join on an unanalysed table once chose a nested loop of 366M comparisons).
 */
export async function associationRulesReference(
  db: Db,
  p: Period,
  stores: StoreFilter,
  t: AssociationThresholds,
  limit: number,
): Promise<AssociationRule[]> {
  const rows = await queryRows<{
    pa: string;
    pb: string;
    name_a: string;
    name_b: string;
    n: string;
    ca: string;
    cb: string;
    cab: string;
    amount_b: string;
  }>(
    db,
    sql`with scoped as materialized (
          select i.order_id, i.product_id, sum(i.amount) as amount
          from orders o join order_items i on i.order_id = o.id
          where o.status = 'completed' and ${dayBetween(sql`o.day`, p.from, p.to)}
            and ${storeIn(sql`o.store_id`, stores)}
          group by i.order_id, i.product_id
        ),
        total as (select count(distinct order_id) as n from scoped),
        item as materialized (
          select s.product_id, count(*) as c, sum(s.amount) as amount
          from scoped s group by s.product_id
        ),
        frequent as (
          select i.product_id from item i cross join total
          where i.c >= ${t.minSupport}::numeric * total.n
        ),
        baskets as (
          select s.order_id, array_agg(s.product_id) as products
          from scoped s
          where s.product_id in (select product_id from frequent)
          group by s.order_id
          having count(*) >= 2
        ),
        pairs as (
          select a.pa, b.pb, count(*) as cab
          from baskets
          cross join lateral unnest(baskets.products) as a(pa)
          cross join lateral unnest(baskets.products) as b(pb)
          where a.pa <> b.pb
          group by a.pa, b.pb
        )
        select pr.pa, pr.pb, coalesce(xa.name, pr.pa) as name_a, coalesce(xb.name, pr.pb) as name_b,
               total.n, ia.c as ca, ib.c as cb, pr.cab, ib.amount as amount_b
        from pairs pr
        cross join total
        join item ia on ia.product_id = pr.pa
        join item ib on ib.product_id = pr.pb
        left join products xa on xa.id = pr.pa
        left join products xb on xb.id = pr.pb
        where pr.cab >= ${t.minPairBaskets}
          and pr.cab >= ${t.minSupport}::numeric * total.n
          and pr.cab >= ${t.minConfidence}::numeric * ia.c
          and pr.cab * total.n >= ${t.minLift}::numeric * ia.c * ib.c
        order by (pr.cab * total.n)::numeric / (ia.c * ib.c) desc, pr.cab desc, pr.pa, pr.pb
        limit ${limit}`,
  );
  return rows.map((r) => ({
    antecedent: r.pa,
    antecedentName: r.name_a,
    consequent: r.pb,
    consequentName: r.name_b,
    baskets: num(r.n),
    antecedentBaskets: num(r.ca),
    consequentBaskets: num(r.cb),
    pairBaskets: num(r.cab),
    consequentAmount: num(r.amount_b),
  }));
}
