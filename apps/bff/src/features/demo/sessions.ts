/**
 * Behaviour events: mini-program / web sessions of identified customers. A tracked online order comes with a
 * session that ends in `pay` at the moment of the order; other sessions browse and drop off along the funnel
 * (bounce after opening, leave the menu, abandon the cart or the checkout). Steps repeat naturally, e.g.
 * several `view_product` in a row, and sometimes go back to the menu.
 */
import { MENU } from './catalog';
import type { BasketLine } from './basket';
import type { RowBuffers } from './buffers';
import type { Rng } from './rng';
import type { EventType, LocalSec } from './types';

type Step = { type: EventType; page: string; durationS: number };

const step = (rng: Rng, type: EventType, page: string): Step => {
  const [min, max] = DWELL[type];
  return { type, page, durationS: rng.between(min, max) };
};

/** Seconds spent on each kind of step. */
const DWELL: Record<EventType, [number, number]> = {
  app_open: [2, 10],
  view_menu: [8, 60],
  view_product: [5, 45],
  add_to_cart: [1, 4],
  checkout: [10, 90],
  pay: [3, 20],
};

const productPage = (id: string) => `/product/${id}`;
const randomProduct = (rng: Rng) => rng.pick(MENU).id;

export type SessionContext = { out: RowBuffers; rng: Rng; customerId: string; storeId: string };

/** A session that ends with `pay` exactly at the order's time; the cart holds the order's lines. */
export function addPayingSession(ctx: SessionContext, orderAt: LocalSec, lines: readonly BasketLine[]): void {
  const { rng } = ctx;
  const steps: Step[] = [step(rng, 'app_open', '/home')];
  if (rng.chance(0.9)) steps.push(step(rng, 'view_menu', '/menu'));
  for (const line of lines) {
    if (rng.chance(0.2)) steps.push(step(rng, 'view_product', productPage(randomProduct(rng))));
    steps.push(step(rng, 'view_product', productPage(line.item.id)));
    steps.push(step(rng, 'add_to_cart', productPage(line.item.id)));
    if (rng.chance(0.08)) steps.push(step(rng, 'view_menu', '/menu'));
  }
  steps.push(step(rng, 'checkout', '/checkout'));
  steps.push(step(rng, 'pay', '/pay'));
  // Walk back from the payment so the last step lands on the order.
  let start = orderAt;
  for (let i = 0; i < steps.length - 1; i++) start -= (steps[i] as Step).durationS;
  emit(ctx, rng.chance(0.15) ? 'web' : 'mini_program', start, steps);
}

/** A session that leaves before paying; where it stops follows a funnel. */
export function addBrowsingSession(ctx: SessionContext, start: LocalSec): void {
  const { rng } = ctx;
  const steps: Step[] = [step(rng, 'app_open', '/home')];
  const done = () => emit(ctx, rng.chance(0.25) ? 'web' : 'mini_program', start, steps);
  if (rng.chance(0.2)) return done();
  if (rng.chance(0.85)) steps.push(step(rng, 'view_menu', '/menu'));
  if (rng.chance(0.25)) return done();
  do steps.push(step(rng, 'view_product', productPage(randomProduct(rng))));
  while (rng.chance(0.45) && steps.length < 8);
  if (rng.chance(0.5)) return done();
  let cartLines = 0;
  do {
    const last = steps[steps.length - 1] as Step;
    steps.push(
      step(rng, 'add_to_cart', last.type === 'view_product' ? last.page : productPage(randomProduct(rng))),
    );
    cartLines++;
    if (rng.chance(0.35)) steps.push(step(rng, 'view_product', productPage(randomProduct(rng))));
  } while (rng.chance(0.3) && cartLines < 4);
  if (rng.chance(0.55)) return done();
  steps.push(step(rng, 'checkout', '/checkout'));
  done();
}

function emit(
  ctx: SessionContext,
  channel: 'mini_program' | 'web',
  start: LocalSec,
  steps: readonly Step[],
): void {
  const sessionId = ctx.out.nextSessionId();
  let t = start;
  for (const s of steps) {
    ctx.out.events.push({
      id: ctx.out.nextEventId(),
      customerId: ctx.customerId,
      sessionId,
      eventType: s.type,
      occurredAt: t,
      storeId: ctx.storeId,
      channel,
      page: s.page,
      durationS: s.durationS,
    });
    t += s.durationS;
  }
}
