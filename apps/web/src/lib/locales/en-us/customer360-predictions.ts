import type { zhCustomer360Predictions } from '../zh-cn/customer360-predictions';

/** Customer 360: churn and value outlook (BG/NBD and Gamma-Gamma models). */
export const enCustomer360Predictions: typeof zhCustomer360Predictions = {
  title: 'Churn and value outlook',
  subtitle: 'BG/NBD and Gamma-Gamma models',
  fitting: 'The models are being fitted; the outlook appears when they are done…',
  unscored: "This customer's first order came after the last fit; the next fit will score them.",
  unscoredRefitting: "This customer's first order came after the last fit; the models are refitting…",
  bands: { low: 'Low risk', medium: 'Medium risk', high: 'High risk' },
  churnRisk: 'Churn risk',
  churnRiskHint: 'Probability of no purchase in the next 90 days; ≥ 50% is medium, ≥ 80% high',
  pActive: 'P(active)',
  pActiveHint: 'The probability that this customer is still active (has not dropped out)',
  expected: 'Expected purchases',
  expectedHint:
    'Expected purchase days in the next 30 / 90 / 365 days (several orders on one day count once)',
  expectedDays: 'in {{days}} d',
  value: 'Predicted 12-month value',
  valueHint: 'Expected spend over the next 12 months, discounted at 10% a year',
  perVisit: 'about {{amount}} a visit',
  cluster: 'k-means segment: {{name}}',
  why: 'What drives the outlook',
  today: 'today',
  daysAgo: '{{count}} days ago',
  singleVisit:
    'One purchase day only: the model cannot yet tell "gone" from "not back yet", so P(active) is 100% by design; the churn risk reflects how long customers like this take to come back.',
  rhythm: {
    on_rhythm: 'Last bought {{since}}; usually every {{gap}} days, so still on rhythm.',
    late: 'Last bought {{since}}, {{ratio}} times the usual gap of about {{gap}} days: falling behind.',
    long_overdue:
      'Last bought {{since}}, {{ratio}} times the usual gap of about {{gap}} days: the main reason for the risk.',
  },
  rhythmLevel: {
    on_rhythm: 'The time since the last purchase is within 1.5 times the usual gap: on rhythm.',
    late: 'The time since the last purchase is over 1.5 times the usual gap: falling behind.',
    long_overdue:
      'The time since the last purchase is over 3 times the usual gap: the main reason for the risk.',
  },
  purchaseDays:
    "{{count}} purchase days since {{first}}: the more there are, the more the model trusts the customer's own rate.",
  frequencyLevel: {
    few: "Few purchase days (2–4): the outlook leans on the chain's typical customer.",
    regular: "5 or more purchase days: the outlook rests mainly on the customer's own rate.",
    frequent: '20 or more purchase days, a steady regular: the outlook rests mainly on their own rate.',
  },
  spendOwn:
    "Predicted value ≈ about {{visits}} visits in 12 months × about {{perVisit}} each (their repeat visits average {{repeat}}, pulled towards the chain's typical spend), discounted at 10% a year.",
  spendOwnLevel:
    "Predicted value ≈ about {{visits}} visits in 12 months × about {{perVisit}} each (from their repeat visits, pulled towards the chain's typical spend), discounted at 10% a year.",
  spendChain:
    "Predicted value ≈ about {{visits}} visits in 12 months × about {{perVisit}} each (no repeat visit yet: the chain's typical spend), discounted at 10% a year.",
  tierChurnModelNot: `The tier "Churn risk" follows a fixed rule (2+ orders and over 60 days without one); the model judges against this customer's own rhythm and still expects them back.`,
  modelChurnTierNot: `The model puts the churn risk high while the tier is not "Churn risk": the tier waits for 60 days without an order; the model judges against this customer's own rhythm.`,
  chainWide:
    "The outlook uses the customer's purchases in every store; the tier and figures above count the chosen stores only.",
  modelAge: 'Model updated {{age}} · data to {{day}}',
  refitting: 'The data changed; refitting…',
};
