/**
 * Body heights of the churn row's panels, also given to their placeholders (app/routes/dashboard.tsx): a placeholder
 * shorter than its panel let the panel below it come within the look-ahead and load with the first screen on a phone.
 */
// Compact: the gauge panel's own height at 360–412 px in Chinese (a 200 px gauge, the stat tiles, the bands and the
// model note: 320.8 px measured), not more: a taller minimum left ≈ 40 px of empty card under the note on a phone.
// English wraps two tile labels and grows past it, still without a gap.
export const CHURN_BODY_HEIGHT = { compact: 320, regular: 430 } as const;
export const SLIPPING_BODY_HEIGHT = { compact: 420, regular: 430 } as const;
