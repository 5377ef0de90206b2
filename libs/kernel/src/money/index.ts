export * from './currencies';
export * from './rounding';
export * from './amount-range';
export * from './decimal';
