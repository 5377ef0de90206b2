/** The webhooks lib's pure surface, for other domains (`@billing/webhooks/domain`). */
export * from './event-types';
export * from './payload';
export * from './retry-schedule';
export * from './secrets';
export * from './signatures';
