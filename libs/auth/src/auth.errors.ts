import { DomainError } from '@billing/kernel';

export function unauthenticated(message: string): DomainError {
  return new DomainError('unauthenticated', 'unauthenticated', message);
}

export function forbidden(message: string): DomainError {
  return new DomainError('forbidden', 'forbidden', message);
}

/** Over the credential's hourly limit; the API's filter turns `retryAfterSeconds` into `Retry-After`. */
export class RateLimited extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    what = 'Rate limit reached for this credential',
  ) {
    super('rate_limited', 'rate_limited', `${what}; retry in ${retryAfterSeconds} s.`);
  }
}
