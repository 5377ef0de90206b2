/**
 * The one source of billing time. In production it is the system clock; with BILLING_CLOCK=test it is the
 * platform's own clock, stored in the database (so it survives restarts and is shared by the api and the
 * scheduler), standing still between moves and only moving forward.
 */
export abstract class Clock {
  abstract now(): Date;
  /** Re-reads the shared instant; a no-op for the system clock. */
  abstract refresh(): Promise<void>;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
  async refresh(): Promise<void> {}
}
