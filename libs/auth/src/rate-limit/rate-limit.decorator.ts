import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_BUCKET_KEY = 'billing:rate-limit-bucket';

/** `api` (RATE_LIMIT_PER_HOUR) unless a route says otherwise; `usage` is USAGE_RATE_LIMIT_PER_HOUR. */
export type RateLimitBucket = 'api' | 'usage';

/** Counts the route's calls in a bucket of its own, with that bucket's hourly limit. */
export const RateLimit = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT_BUCKET_KEY, bucket);
