/** The usage lib's pure surface, for other domains (`@billing/usage/domain`). */
export * from './acceptance';
export * from './aggregation';
export * from './late-usage';
export * from './rating';
export * from './usage-charge';
