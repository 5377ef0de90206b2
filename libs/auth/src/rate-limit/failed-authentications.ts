import { Inject, Injectable } from '@nestjs/common';
import { RateLimited } from '../auth.errors';
import { fixedWindow } from './rate-limit-window';
import { RATE_LIMIT_STORE, RateLimitStore } from './rate-limit.store';

/** Failed authentications a client address may make per hour before it is refused outright. */
export const FAILED_AUTHENTICATIONS_PER_HOUR = 100;

/**
 * Throttles credential guessing: failed authentications are counted per client address in the rate-limit
 * store (shared by the api instances when it is Redis); past the limit, the address is refused with 429
 * until the hour ends, before its credential is even looked at. The refusal is remembered in memory, so
 * allowed traffic pays no extra round trip; another instance learns it at the address's next failure.
 */
@Injectable()
export class FailedAuthentications {
  private readonly refusedUntil = new Map<string, number>();

  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  /** Throws 429 while `address` is refused. */
  assertAllowed(address: string): void {
    const until = this.refusedUntil.get(address);
    if (until === undefined) return;
    const now = Date.now();
    if (now >= until) this.refusedUntil.delete(address);
    else throw new RateLimited(Math.ceil((until - now) / 1000), 'Too many failed authentications from this address');
  }

  /** Counts a failure; the limit being reached refuses the address for the rest of the hour. */
  async record(address: string): Promise<void> {
    const window = fixedWindow(Date.now());
    const count = await this.store.increment(`auth-failures:${address}`, window).catch(() => 0);
    if (count > FAILED_AUTHENTICATIONS_PER_HOUR) this.refusedUntil.set(address, window.end);
  }
}
