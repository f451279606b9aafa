/**
 * Body heights of the churn row's panels, also given to their placeholders (app/routes/dashboard.tsx): a placeholder
 * shorter than its panel let the panel below it come within the look-ahead and load with the first screen on a phone.
 */
export const CHURN_BODY_HEIGHT = { compact: 360, regular: 430 } as const;
export const SLIPPING_BODY_HEIGHT = { compact: 420, regular: 430 } as const;
