import { describe, expect, it } from 'vitest';
import { explainDrivers } from '../customer360-predictions';

const history = (purchaseDays: number, firstDay: string, lastDay: string, repeatSpend = 30) => ({
  purchaseDays,
  firstDay,
  lastDay,
  asOfDay: '2025-06-30',
  repeatSpend,
});

describe('What drives a customer’s predictions', () => {
  it('When a customer bought on 11 days across 100 days, Then the usual gap is 10 days and the rhythm follows the days since', () => {
    // 2025-03-12 → 2025-06-20 is 100 days, 10 gaps: 10 days each. As of 06-30 the last purchase is 10 days old.
    const onRhythm = explainDrivers(history(11, '2025-03-12', '2025-06-20'));
    expect(onRhythm.drivers).toEqual({
      purchase_days: 11,
      first_day: '2025-03-12',
      last_day: '2025-06-20',
      days_since_last: 10,
      usual_gap_days: 10,
      repeat_spend: 30,
    });
    expect(onRhythm.explanation).toEqual({
      rhythm: 'on_rhythm',
      frequency: 'regular',
      spend_basis: 'own_repeats',
    });
    // 15 days since = exactly 1.5 gaps: still on rhythm; 16 late; 30 = 3 gaps late; 31 long overdue.
    expect(explainDrivers(history(11, '2025-03-07', '2025-06-15')).explanation.rhythm).toBe('on_rhythm');
    expect(explainDrivers(history(11, '2025-03-06', '2025-06-14')).explanation.rhythm).toBe('late');
    expect(explainDrivers(history(11, '2025-02-19', '2025-05-31')).explanation.rhythm).toBe('late');
    expect(explainDrivers(history(11, '2025-02-18', '2025-05-30')).explanation.rhythm).toBe('long_overdue');
  });

  it('When a customer bought on one day only, Then there is no rhythm yet and spend leans on the chain', () => {
    const once = explainDrivers(history(1, '2025-05-01', '2025-05-01', 0));
    expect(once.drivers.usual_gap_days).toBeNull();
    expect(once.drivers.days_since_last).toBe(60);
    expect(once.explanation).toEqual({
      rhythm: 'single_visit',
      frequency: 'single',
      spend_basis: 'chain_typical',
    });
  });

  it('When purchase days cross 2, 5 and 20, Then frequency steps from few to regular to frequent; gaps round to 0.1 day', () => {
    expect(explainDrivers(history(4, '2025-06-01', '2025-06-30')).explanation.frequency).toBe('few');
    expect(explainDrivers(history(5, '2025-06-01', '2025-06-30')).explanation.frequency).toBe('regular');
    expect(explainDrivers(history(19, '2025-06-01', '2025-06-30')).explanation.frequency).toBe('regular');
    expect(explainDrivers(history(20, '2025-06-01', '2025-06-30')).explanation.frequency).toBe('frequent');
    // 29 days over 3 gaps = 9.666… → 9.7.
    expect(explainDrivers(history(4, '2025-06-01', '2025-06-30')).drivers.usual_gap_days).toBe(9.7);
  });
});
