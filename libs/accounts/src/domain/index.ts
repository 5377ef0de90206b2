/** The accounts lib's pure surface, for other domains (`@billing/accounts/domain`). */
export * from './account';
