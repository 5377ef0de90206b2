/** The dunning lib's pure surface, for other domains (`@billing/dunning/domain`). */
export * from './dunning-policy';
