/** Webhooks out: the building blocks of deliveries. */
export * from './domain';
export * from './delivery/url-policy';
