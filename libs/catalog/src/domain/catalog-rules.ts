import { FieldError, METADATA_MAX_KEYS } from '@billing/kernel';

/** Codes of metrics and plans: what clients put in usage events and subscriptions, so kept URL- and log-safe. */
export const CODE_MAX_LENGTH = 100;
export const CODE_PATTERN = new RegExp(`^[a-z0-9_.-]{1,${CODE_MAX_LENGTH}}$`);
export const NAME_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 1000;
export { METADATA_MAX_KEYS };

/** Collects field errors with their API paths (`prices[1].currency`) so that one answer names all of them. */
export class FieldErrors {
  readonly list: FieldError[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }
}

export function checkCode(errors: FieldErrors, field: string, code: unknown): void {
  if (typeof code !== 'string' || !CODE_PATTERN.test(code)) {
    errors.add(field, `must be 1–${CODE_MAX_LENGTH} characters among a-z, 0-9, "_", "." and "-"`);
  }
}

export function checkName(errors: FieldErrors, field: string, name: unknown): void {
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > NAME_MAX_LENGTH) {
    errors.add(field, `must be a non-blank string of at most ${NAME_MAX_LENGTH} characters`);
  }
}

export function checkMetadata(errors: FieldErrors, metadata: Record<string, string>): void {
  if (Object.keys(metadata).length > METADATA_MAX_KEYS) errors.add('metadata', `has more than ${METADATA_MAX_KEYS} keys`);
}

/** An amount in minor units: a non-negative safe integer (the money core computes with exact integers). */
export function isMinorAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
