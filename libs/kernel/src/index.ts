/**
 * The kernel: what every domain may use and nothing else. Dependency-free (no Nest, no ORM, no driver, no
 * HTTP): money and its exact arithmetic, ids, domain errors, domain events, the clock's interface and the
 * request context commands carry. The domain/ folders of the libs import only this and other domains
 * (`@billing/<lib>/domain`); dependency-cruiser checks it for everything they reach, not only what they import.
 */
export * from './clock/clock';
export * from './context/actor';
export * from './errors/domain-error';
export * from './events/domain-event';
export * from './ids/ids';
export * from './money';
export * from './events/event-types';
export * from './rules/metadata';
