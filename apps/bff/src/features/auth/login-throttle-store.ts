/**
 * express-rate-limit's store for the per-address login limit, in the database: every BFF process behind a load
 * balancer counts into the same window, so starting more processes does not multiply the attempts allowed.
 */
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import type { Db } from '../../db/client';
import {
  decrementThrottle,
  deleteExpiredThrottles,
  getThrottle,
  incrementThrottle,
  resetThrottle,
} from '../../db/queries/login-throttle';

export class DatabaseThrottleStore implements Store {
  /** Keys are counted in the shared database, not per process. */
  readonly localKeys = false;
  readonly prefix = 'login:';
  private windowMs = 60_000;
  private lastSweep = 0;

  constructor(private readonly db: Db) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const count = await getThrottle(this.db, this.prefix + key);
    return count && { totalHits: count.hits, resetTime: count.resetAt };
  }

  async increment(key: string): Promise<IncrementResponse> {
    await this.sweep();
    const count = await incrementThrottle(this.db, this.prefix + key, this.windowMs);
    return { totalHits: count.hits, resetTime: count.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await decrementThrottle(this.db, this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await resetThrottle(this.db, this.prefix + key);
  }

  /** Rows of windows that ran out are dropped at most once per window, by whichever process counts next. */
  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    await deleteExpiredThrottles(this.db);
  }
}
