import { DomainError } from '@billing/core';

export function unauthenticated(message: string): DomainError {
  return new DomainError('unauthenticated', 'unauthenticated', message);
}

export function forbidden(message: string): DomainError {
  return new DomainError('forbidden', 'forbidden', message);
}

/** Over the credential's hourly limit; the API's filter turns `retryAfterSeconds` into `Retry-After`. */
export class RateLimited extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', 'rate_limited', `Rate limit reached for this credential; retry in ${retryAfterSeconds} s.`);
  }
}
