/**
 * Who a customer is: hidden behaviour (home store, buying rate, drop-out probability, channel habits, daypart
 * persona, appetite — the structure RFM, churn and LTV models should recover) and the identity shown in the
 * customers table (Chinese name, unique mobile, member level from what they spent, points, stored value).
 */
import type { Chain, StoreInfo } from './chain';
import { PERSONA_SHARES, type Persona } from './dayparts';
import { EMAIL_DOMAINS, GIVEN_FEMALE, GIVEN_MALE, MOBILE_PREFIXES, SURNAMES } from './names';
import { personalChannelPicker } from './order-terms';
import { deriveSeed, type Rng, WeightedPicker } from './rng';
import { dayNumber, isWeekend, SEC_PER_DAY } from './time';
import type { CustomerRow, LocalSec } from './types';

const PERSONAS = new WeightedPicker(PERSONA_SHARES);
const SURNAME_PICKER = new WeightedPicker(SURNAMES.map(([, w]) => w));
const EMAIL_PICKER = new WeightedPicker(EMAIL_DOMAINS.map(([, w]) => w));
const HANDLES = [
  'happy',
  'sunny',
  'lucky',
  'coco',
  'leo',
  'momo',
  'xiaoyu',
  'dabai',
  'kiki',
  'tiger',
  'amy',
  'jack',
];
/** Share of customers who registered before the data starts (existing members). */
const PRE_PERIOD_SHARE = 0.3;
/** Registrations grow through the period: density rises linearly by this much from start to end. */
const REGISTRATION_GROWTH = 0.6;

export type CustomerProfile = {
  index: number;
  id: string;
  home: StoreInfo;
  /** Another store of the same city the customer sometimes uses, and how often. */
  alt: StoreInfo | null;
  altShare: number;
  member: boolean;
  persona: Persona;
  channelPicker: WeightedPicker;
  /** Purchases per day while active. */
  rate: number;
  /** Probability of silently dropping out after each purchase (BG/NBD). */
  dropout: number;
  appetite: number;
  registeredAt: LocalSec;
  /** Registered before the period: buying (if still active) starts at the period start. */
  prePeriod: boolean;
};

export function drawProfile(chain: Chain, rng: Rng, index: number): CustomerProfile {
  const { period, size } = chain;
  const home = chain.stores[chain.homeStorePicker.pick(rng)] as StoreInfo;
  const member = rng.chance(0.65);
  const persona = PERSONAS.pick(rng) as Persona;
  const channelPicker = personalChannelPicker(rng, member);
  const rate = Math.min(1.2, rng.gamma(0.9, size.meanDailyRate / 0.9));
  const dropout = rng.beta(2, 26);
  const appetite = Math.min(2, Math.max(0.5, rng.logNormal(1, 0.25)));
  const alt = home.siblings.length ? (chain.stores[rng.pick(home.siblings)] as StoreInfo) : null;
  const altShare = alt ? rng.beta(1.5, 10) : 0;

  const canBePre = home.openSec < period.startSec - 60 * SEC_PER_DAY;
  const prePeriod = canBePre && rng.chance(PRE_PERIOD_SHARE);
  let registeredOn: LocalSec;
  if (prePeriod) {
    const from = Math.max(home.openSec, period.startSec - 730 * SEC_PER_DAY);
    registeredOn = from + rng.next() * (period.startSec - from);
  } else {
    const from = Math.max(home.openSec, period.startSec);
    const g = REGISTRATION_GROWTH;
    // Inverse CDF of a density rising linearly across [from, end).
    const x = (-1 + Math.sqrt(1 + 2 * g * rng.next() * (1 + g / 2))) / g;
    registeredOn = from + x * (period.endSec - from);
  }
  // People sign up when they come to eat, so at a mealtime hour.
  const dayNo = dayNumber(registeredOn);
  const hour = chain.hours.pick(rng, false, persona, isWeekend(dayNo));
  const registeredAt = dayNo * SEC_PER_DAY + hour * 3600 + rng.int(3600);
  return {
    index,
    id: `C${String(index + 1).padStart(7, '0')}`,
    home,
    alt,
    altShare,
    member,
    persona,
    channelPicker,
    rate,
    dropout,
    appetite,
    registeredAt,
    prePeriod,
  };
}

const LEVELS: readonly [number, string][] = [
  [1800_00, '钻石'],
  [800_00, '金卡'],
  [350_00, '银卡'],
  [0, '普通会员'],
];

/** The customers-table row; the member level and points follow from the spend over the member's life. */
export function customerRow(chain: Chain, rng: Rng, p: CustomerProfile, spentFen: number): CustomerRow {
  const female = rng.chance(0.53);
  const surname = SURNAMES[SURNAME_PICKER.pick(rng)]?.[0] as string;
  const given = female ? GIVEN_FEMALE : GIVEN_MALE;
  const name = surname + rng.pick(given) + (rng.chance(0.7) ? rng.pick(given) : '');
  const seedOffset = deriveSeed(chain.options.seed, 99);
  // Unique by construction: i ↦ (a·i + b) mod 10^k is a bijection when a is coprime to 10.
  const suffix = String((p.index * 73_939_133 + seedOffset) % 100_000_000).padStart(8, '0');
  const phone = rng.pick(MOBILE_PREFIXES) + suffix;
  const age = Math.round(15 + rng.gamma(2.6, 6));
  const endYear = Number(chain.period.endDay.slice(0, 4));

  let email: string | null = null;
  if (rng.chance(p.member ? 0.35 : 0.15)) {
    const domain = EMAIL_DOMAINS[EMAIL_PICKER.pick(rng)]?.[0] as string;
    email =
      domain === 'qq.com'
        ? `${100_000 + ((p.index * 7_919 + seedOffset) % 900_000_000)}@qq.com`
        : `${rng.pick(HANDLES)}${(p.index * 613 + seedOffset) % 1_000_000}@${domain}`;
  }

  let memberLevel: string | null = null;
  let points: number | null = null;
  let balanceFen: number | null = null;
  let memberId: string | null = null;
  if (p.member) {
    // Members from before the period also spent before it.
    const lifetimeFen = spentFen + (p.prePeriod ? Math.round(rng.gamma(1.2, 150_00)) : 0);
    memberLevel = LEVELS.find(([min]) => lifetimeFen >= min)?.[1] ?? '普通会员';
    points = Math.floor((lifetimeFen / 100) * (1 - 0.8 * rng.beta(2, 3)));
    balanceFen = rng.chance(0.22) ? Math.round(rng.logNormal(80_00, 0.9) / 10) * 10 : 0;
    memberId = `M${String((p.index * 387_420_489 + seedOffset) % 1_000_000_000).padStart(9, '0')}`;
  }
  return {
    id: p.id,
    phone,
    memberId,
    email,
    name,
    gender: p.member || rng.chance(0.7) ? (female ? '女' : '男') : null,
    birthYear: rng.chance(p.member ? 0.97 : 0.8) ? endYear - Math.min(70, age) : null,
    registeredAt: p.registeredAt,
    memberLevel,
    points,
    balanceFen,
  };
}
