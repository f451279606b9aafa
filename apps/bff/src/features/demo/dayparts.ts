/**
 * When people eat: hour-of-day profiles with a breakfast (7–9), a lunch (11–13, the biggest) and a dinner
 * (17–19) peak and a small late-night tail. Delivery leans to lunch, dinner and night; weekends have a smaller,
 * later breakfast and a busier afternoon. Each customer has a persona that tilts the profile toward one daypart.
 */
import { type Rng, WeightedPicker } from './rng';

// Relative orders per hour of day, index = hour 0–23.
// prettier-ignore
const IN_STORE_HOURS = [
  /* 0–5   */ 0.3, 0.15, 0.08, 0.04, 0.04, 0.15,
  /* 6–11  */ 1.2, 4.5, 5.5, 3.0, 2.4, 8,
  /* 12–17 */ 11, 7, 3.0, 2.4, 2.8, 5.5,
  /* 18–23 */ 7, 5.0, 3.0, 2.0, 1.2, 0.6,
];
// prettier-ignore
const DELIVERY_HOURS = [
  /* 0–5   */ 0.7, 0.45, 0.2, 0.08, 0.05, 0.05,
  /* 6–11  */ 0.3, 1.4, 2.0, 1.5, 2.6, 9,
  /* 12–17 */ 11, 6, 2.5, 2.4, 3.0, 6.0,
  /* 18–23 */ 8, 6.5, 4.0, 3.0, 2.0, 1.2,
];

/** 0 balanced, 1 breakfast commuter, 2 office lunch, 3 evening and night owl. */
export type Persona = 0 | 1 | 2 | 3;
export const PERSONA_SHARES = [0.5, 0.15, 0.2, 0.15];

function tilt(base: readonly number[], persona: Persona, weekend: boolean): number[] {
  return base.map((w, hour) => {
    let f = 1;
    if (persona === 1 && hour >= 6 && hour <= 9) f = 3;
    if (persona === 2 && hour >= 11 && hour <= 13) f = 2;
    if (persona === 3 && (hour >= 17 || hour <= 1)) f = 2.5;
    if (weekend) {
      if (hour >= 6 && hour <= 8) f *= 0.55;
      if (hour === 9 || hour === 10) f *= 1.3;
      if (hour >= 14 && hour <= 16) f *= 1.5;
    }
    return w * f;
  });
}

export class HourPickers {
  private readonly pickers: WeightedPicker[] = [];

  constructor() {
    for (const base of [IN_STORE_HOURS, DELIVERY_HOURS])
      for (const persona of [0, 1, 2, 3] as const)
        for (const weekend of [false, true])
          this.pickers.push(new WeightedPicker(tilt(base, persona, weekend)));
  }

  pick(rng: Rng, delivery: boolean, persona: Persona, weekend: boolean): number {
    const index = (delivery ? 8 : 0) + persona * 2 + (weekend ? 1 : 0);
    return (this.pickers[index] as WeightedPicker).pick(rng);
  }
}

/** Whether breakfast items are on sale at this hour. */
export function isBreakfastHour(hour: number): boolean {
  return hour >= 6 && hour <= 9;
}
