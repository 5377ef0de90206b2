/**
 * What follows an attempt to deliver a message: done, a retry at some instant, giving up on the message, or
 * disabling the endpoint. Pure: the caller records the attempt and acts on the decision.
 *
 * - Only a 2xx answer is a success. Everything else is retried: other statuses (3xx included: redirects are not
 *   followed, the endpoint's URL should be fixed), timeouts, network errors and a URL refused at delivery.
 * - The schedule ({@link RETRY_DELAYS_MS}) starts as the Standard Webhooks spec suggests (5 s, 5 min, 30 min,
 *   2 h, 5 h, 10 h) and goes on with 14 h and 20 h twice: 10 attempts over 71 h 35 min, the three days or so
 *   that Stripe retries for. Each delay moves by up to ±10 %, so that the messages that failed together during
 *   a receiver's outage do not all come back at the same instant when it recovers.
 * - 429 and 503 may say when to come back (`Retry-After`, seconds or an HTTP date): the retry waits at least that
 *   long, capped at {@link MAX_RETRY_AFTER_MS} so that a receiver cannot park a message for weeks, and never less
 *   than the schedule says (a `Retry-After: 0` does not turn backoff into a loop).
 * - `410 Gone` disables the endpoint at once: its owner says it is not coming back.
 * - An endpoint whose every attempt failed for {@link DISABLE_AFTER_FAILING_MS} (5 days, across messages) is
 *   disabled, as Stripe and Svix do: nobody is reading it, and its retries cost every other endpoint's deliveries.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The delay before retry n + 1, after attempt n + 1 failed: the first attempt is immediate. */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  20 * HOUR,
];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** How far a delay may move either way. */
export const JITTER = 0.1;
export const MAX_RETRY_AFTER_MS = DAY;
export const DISABLE_AFTER_FAILING_MS = 5 * DAY;

/** Statuses whose `Retry-After` is honoured (RFC 9110 §10.2.3, RFC 6585 §4). */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);
const GONE = 410;
/** IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the obsolete RFC 850 form; never Date.parse's free forms. */
const HTTP_DATE = /^[A-Za-z]{3,9}, \d{2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$/;

/** A number in [0, 1), as Math.random gives. */
export type RandomSource = () => number;

/** What an attempt got: an answer, or none (no connection, a timeout, or a URL the policy refused at delivery). */
export type AttemptOutcome =
  { kind: 'response'; status: number; retryAfter: string | null } | { kind: 'network_error' } | { kind: 'refused' };

export type DeliveryDecision =
  | { action: 'delivered' }
  | { action: 'retry'; at: Date }
  | { action: 'give_up' }
  | { action: 'disable_endpoint'; reason: 'gone' | 'failing' };

export interface AttemptContext {
  /** Which attempt of the message this was: 1 for the first. */
  attempt: number;
  /** When it ended. */
  at: Date;
  /** The endpoint's failing streak before this attempt (see {@link failingSinceAfter}). */
  failingSince: Date | null;
  random?: RandomSource;
}

export function isSuccess(outcome: AttemptOutcome): boolean {
  return outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300;
}

export function decideAfterAttempt(outcome: AttemptOutcome, context: AttemptContext): DeliveryDecision {
  if (isSuccess(outcome)) return { action: 'delivered' };
  if (outcome.kind === 'response' && outcome.status === GONE) return { action: 'disable_endpoint', reason: 'gone' };
  const failingSince = context.failingSince ?? context.at;
  if (context.at.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS) return { action: 'disable_endpoint', reason: 'failing' };
  const delay = retryDelayMs(context.attempt, context.random);
  if (delay === null) return { action: 'give_up' };
  const asked =
    outcome.kind === 'response' && RETRY_AFTER_STATUSES.has(outcome.status) ? (retryAfterMs(outcome.retryAfter, context.at) ?? 0) : 0;
  return { action: 'retry', at: new Date(context.at.getTime() + Math.max(delay, asked)) };
}

/**
 * When the endpoint's unbroken run of failures began, after an attempt at `at`: null once an attempt
 * succeeds, `at` for the first failure after a success, unchanged otherwise. The caller keeps it per endpoint.
 */
export function failingSinceAfter(failingSince: Date | null, outcome: AttemptOutcome, at: Date): Date | null {
  return isSuccess(outcome) ? null : (failingSince ?? at);
}

/** The delay after the failure of attempt `attempt` (1 for the first), jittered; null when it was the last. */
export function retryDelayMs(attempt: number, random: RandomSource = Math.random): number | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`Attempts count from 1, not ${attempt}.`);
  if (attempt >= MAX_ATTEMPTS) return null;
  return Math.round(RETRY_DELAYS_MS[attempt - 1] * (1 + JITTER * (2 * random() - 1)));
}

/**
 * The wait a `Retry-After` header asks for at `now`, in ms, capped at {@link MAX_RETRY_AFTER_MS}; a date in
 * the past is no wait. Null when absent or unreadable: the schedule alone decides then.
 */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const value = header.trim();
  let wait: number;
  if (/^\d+$/.test(value)) wait = Number(value) * SECOND;
  else if (HTTP_DATE.test(value)) wait = Date.parse(value) - now.getTime();
  else return null;
  return Number.isNaN(wait) ? null : Math.min(Math.max(wait, 0), MAX_RETRY_AFTER_MS);
}
