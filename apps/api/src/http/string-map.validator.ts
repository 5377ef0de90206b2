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
          Object.keys(value).length <= 50 &&
          Object.entries(value).every(([key, item]) => key.length <= 40 && typeof item === 'string' && item.length <= 500),
        defaultMessage: () => 'must map at most 50 keys (≤ 40 characters) to strings (≤ 500 characters)',
      },
    },
    options,
  );
}
