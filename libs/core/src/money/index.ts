export * from './currencies';
export * from './rounding';
