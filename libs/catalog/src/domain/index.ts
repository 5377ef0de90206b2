/** The catalog lib's pure surface, for other domains (`@billing/catalog/domain`). */
export * from './catalog-rules';
export * from './catalog.errors';
export * from './charge-models';
export * from './metric';
export * from './plan';
