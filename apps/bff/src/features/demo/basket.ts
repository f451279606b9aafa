/**
 * What goes into an order: 1–4 menu lines chosen by daypart (breakfast items only in the morning, a drink and a
 * snack with a hot dog, combos on their own) and by the customer's appetite; delivery orders are bigger.
 */
import { MENU, type MenuItem, type ProductCategory } from './catalog';
import { isBreakfastHour } from './dayparts';
import { type Rng, WeightedPicker } from './rng';

export type BasketLine = { item: MenuItem; quantity: number };

class MenuPicker {
  private readonly picker: WeightedPicker;
  constructor(private readonly items: readonly MenuItem[]) {
    this.picker = new WeightedPicker(items.map((i) => i.popularity));
  }
  pick(rng: Rng): MenuItem {
    return this.items[this.picker.pick(rng)] as MenuItem;
  }
}

const CATEGORIES: readonly ProductCategory[] = ['热狗', '饮品', '小食', '套餐', '早餐'];
const BY_CATEGORY = new Map(CATEGORIES.map((c) => [c, new MenuPicker(MENU.filter((m) => m.category === c))]));
/** Coffee and juice sell with breakfast; fizzy drinks much less. */
const MORNING_DRINKS = new MenuPicker(MENU.filter((m) => ['P12', 'P13', 'P14'].includes(m.id)));
const MAX_LINES = 4;

function fromCategory(rng: Rng, category: ProductCategory): MenuItem {
  return (BY_CATEGORY.get(category) as MenuPicker).pick(rng);
}

export function buildBasket(rng: Rng, hour: number, delivery: boolean, appetite: number): BasketLine[] {
  const lines: BasketLine[] = [];
  const add = (item: MenuItem, quantity: number) => {
    const same = lines.find((l) => l.item.id === item.id);
    if (same) same.quantity += quantity;
    else if (lines.length < MAX_LINES) lines.push({ item, quantity });
  };
  // Group and delivery orders carry more of each line.
  const many = (delivery ? 2 : 1) * appetite;
  const quantity = () => {
    const r = rng.next();
    if (r < 0.03 * many) return 3;
    if (r < 0.15 * many) return 2;
    return 1;
  };
  const extra = (p: number) => rng.chance(Math.min(0.95, p * appetite));

  const snackTime = (hour >= 14 && hour <= 16) || hour >= 21 || hour <= 2;
  if (isBreakfastHour(hour) && rng.chance(hour <= 8 ? 0.78 : 0.45)) {
    add(fromCategory(rng, '早餐'), quantity());
    if (extra(0.22)) add(fromCategory(rng, '早餐'), 1);
    if (rng.chance(0.38)) add(MORNING_DRINKS.pick(rng), 1);
  } else if (snackTime && rng.chance(0.3)) {
    add(fromCategory(rng, '饮品'), quantity());
    if (extra(0.6)) add(fromCategory(rng, '小食'), quantity());
  } else if (rng.chance(0.36)) {
    add(fromCategory(rng, '套餐'), quantity());
    if (extra(0.22)) add(fromCategory(rng, '小食'), 1);
    if (extra(0.12)) add(fromCategory(rng, '热狗'), 1);
    if (rng.chance(0.1)) add(fromCategory(rng, '饮品'), 1);
  } else {
    add(fromCategory(rng, '热狗'), quantity());
    if (extra(delivery ? 0.3 : 0.15)) add(fromCategory(rng, '热狗'), quantity());
    if (rng.chance(0.62)) add(fromCategory(rng, '饮品'), quantity());
    if (extra(0.5)) add(fromCategory(rng, '小食'), quantity());
  }
  return lines;
}

export function basketSubtotalFen(lines: readonly BasketLine[]): number {
  return lines.reduce((sum, l) => sum + l.item.priceFen * l.quantity, 0);
}
