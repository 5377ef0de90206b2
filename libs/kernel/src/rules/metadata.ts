/**
 * `metadata` on accounts, plans and subscriptions: a string → string map, at most 50 keys, keys up to 40 and
 * values up to 500 characters (as Stripe).
 */
export const METADATA_MAX_KEYS = 50;
export const METADATA_KEY_MAX_LENGTH = 40;
export const METADATA_VALUE_MAX_LENGTH = 500;
