/**
 * Per-customer predictions for other features (Customer 360, suggestion evidence):
 *
 *   const byId = await customerPredictions(db, ['C0000001', 'C0000002']);
 *   byId.get('C0000001') // CustomerPrediction (packages/shared/src/models.ts) or undefined
 *
 * Customers without a prediction in the served run (no completed order yet, or first order after the last fit)
 * are absent. `options.runId` reads that run rather than the newest ready one (the caller's model status names
 * it, so the figures and the run they are shown with agree). The figures are model outputs, not personal data, but they are about one customer: callers apply
 * their own access rules (never executives; store managers only for customers of their stores) and audit.
 */
import { daysBetween } from '@portrait/shared/dates';
import type { CustomerPrediction } from '@portrait/shared/models';
import type { Db } from '../../db/client';
import { predictionRows } from '../../db/queries/model-predictions';

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export async function customerPredictions(
  db: Db,
  customerIds: readonly string[],
  options: { runId?: number } = {},
): Promise<Map<string, CustomerPrediction>> {
  const rows = await predictionRows(db, customerIds, options.runId);
  return new Map(
    [...rows.values()].map((r) => [
      r.customerId,
      {
        customerId: r.customerId,
        asOfDay: r.asOfDay,
        pActive: round(r.pActive, 4),
        churnRisk: round(r.churnRisk, 4),
        riskBand: r.riskBand,
        expectedOrders30: round(r.expected30, 3),
        expectedOrders90: round(r.expected90, 3),
        expectedOrders365: round(r.expected365, 3),
        expectedSpendPerVisit: round(r.expectedSpend, 2),
        predictedValue12m: round(r.predictedValue, 2),
        drivers: {
          purchaseDays: r.purchaseDays,
          firstDay: r.firstDay,
          lastDay: r.lastDay,
          daysSinceLast: daysBetween(r.lastDay, r.asOfDay),
          repeatSpend: r.repeatSpend,
        },
        cluster: r.cluster,
      },
    ]),
  );
}
