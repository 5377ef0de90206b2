import { METADATA_KEY_MAX_LENGTH, METADATA_MAX_KEYS, METADATA_VALUE_MAX_LENGTH } from '@billing/kernel';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** `metadata`: string → string, at most 50 keys, keys up to 40 and values up to 500 characters (as Stripe). */
export function IsStringMap(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isStringMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= METADATA_MAX_KEYS &&
          Object.entries(value).every(
            ([key, item]) => key.length <= METADATA_KEY_MAX_LENGTH && typeof item === 'string' && item.length <= METADATA_VALUE_MAX_LENGTH,
          ),
        defaultMessage: () =>
          `must map at most ${METADATA_MAX_KEYS} keys (≤ ${METADATA_KEY_MAX_LENGTH} characters) to strings (≤ ${METADATA_VALUE_MAX_LENGTH} characters)`,
      },
    },
    options,
  );
}
