import type { ReadyPredictions } from '@portrait/shared/customer360-predictions';
import type { Tier } from '@portrait/shared/customer-value';
import type { TFunction } from 'i18next';
import type { Formatters } from '../../../lib/format';

const P = 'customer360.predictions';

/** A number to one decimal at most, in the language on screen (9.7, 3). */
const oneDecimal = (n: number, f: Formatters) => n.toLocaleString(f.lang, { maximumFractionDigits: 1 });

/** Expected purchases: one decimal, "<0.1" rather than a misleading 0 for a tiny expectation. */
export function expectedCountText(n: number, f: Formatters): string {
  return n > 0 && n < 0.05 ? `<${oneDecimal(0.1, f)}` : oneDecimal(n, f);
}

/**
 * A probability as a whole percent, never a rounded "0%" or "100%" but "<1%" and ">99%" (the figures come
 * rounded to 4 decimals, and the models never give exactly 0 or 1) — except `exactOne`: P(active) is exactly
 * 1 after a single purchase day, by the model's design.
 */
export function probabilityText(p: number, f: Formatters, exactOne = false): string {
  if (exactOne && p === 1) return f.percent(1, 0);
  if (p < 0.005) return `<${f.percent(0.01, 0)}`;
  if (p >= 0.995) return `>${f.percent(0.99, 0)}`;
  return f.percent(p, 0);
}

/**
 * What drives the outlook, in plain words, most telling first: the time since the last purchase against the
 * customer's own rhythm, how many purchase days the model has seen, and how the value is made up. With the
 * drivers (viewers who see the whole chain) the sentences carry the figures; without them, the levels only.
 */
export function predictionReasons(p: ReadyPredictions, t: TFunction, f: Formatters): string[] {
  const d = p.drivers;
  const e = p.explanation;
  const reasons: string[] = [];
  if (e.rhythm === 'single_visit') reasons.push(t(`${P}.singleVisit`));
  else if (d && d.usual_gap_days !== null) {
    const since = d.days_since_last === 0 ? t(`${P}.today`) : t(`${P}.daysAgo`, { count: d.days_since_last });
    reasons.push(
      t(`${P}.rhythm.${e.rhythm}`, {
        since,
        gap: oneDecimal(d.usual_gap_days, f),
        ratio: oneDecimal(d.days_since_last / Math.max(d.usual_gap_days, 1), f),
      }),
    );
  } else reasons.push(t(`${P}.rhythmLevel.${e.rhythm}`));

  if (d && d.purchase_days > 1)
    reasons.push(t(`${P}.purchaseDays`, { count: d.purchase_days, first: f.day(d.first_day) }));
  else if (!d && e.frequency !== 'single') reasons.push(t(`${P}.frequencyLevel.${e.frequency}`));

  const spend = {
    visits: expectedCountText(p.expected_orders_365, f),
    perVisit: f.currency(p.expected_spend_per_visit),
  };
  if (e.spend_basis === 'chain_typical') reasons.push(t(`${P}.spendChain`, spend));
  else if (d) reasons.push(t(`${P}.spendOwn`, { ...spend, repeat: f.currency(d.repeat_spend) }));
  else reasons.push(t(`${P}.spendOwnLevel`, spend));
  return reasons;
}

export type OutlookNote = 'tierChurnModelNot' | 'modelChurnTierNot' | 'chainWide';

/**
 * Why the outlook may read differently from the profile above it: the tier 流失风险 is a fixed rule (60 days
 * without an order) while the model judges against the customer's own rhythm, and the model reads every store
 * while a store-scoped profile counts the chosen stores only.
 */
export function outlookNotes(p: ReadyPredictions, tier: Tier, scoped: boolean): OutlookNote[] {
  const notes: OutlookNote[] = [];
  const tierSaysChurn = tier === 'churn_risk';
  const modelSaysChurn = p.risk_band === 'high';
  if (tierSaysChurn && !modelSaysChurn) notes.push('tierChurnModelNot');
  if (modelSaysChurn && !tierSaysChurn) notes.push('modelChurnTierNot');
  if (scoped) notes.push('chainWide');
  return notes;
}
