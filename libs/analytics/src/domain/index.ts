/** The analytics lib's pure surface (`@billing/analytics/domain`). */
export * from './mrr-movements';
export * from './analytics-range';
export * from './ratios';
export * from './analytics-series';
