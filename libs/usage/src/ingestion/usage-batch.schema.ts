import { CODE_PATTERN } from '@billing/catalog';
import { FieldError } from '@billing/kernel';
import Ajv, { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/** Events per batch (API.md: 1–1000). */
export const MAX_EVENTS_PER_BATCH = 1000;
/** Field errors one 422 answer lists at most (a batch of 1000 bad events would otherwise answer megabytes). */
export const MAX_REPORTED_ERRORS = 1000;
/** Event ids: the client's idempotency key, 1–255 visible ASCII characters (so byte order = code-unit order). */
export const EVENT_ID_PATTERN = '^[\\x21-\\x7e]+$';
const REFERENCE_PATTERN = '^[\\x21-\\x7e]+$';
const DECIMAL_PATTERN = '^-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,12})?$';

/** One usage event, as JSON Schema in the subset OpenAPI 3.0 shares (the api serves it as the body's schema). */
export const USAGE_EVENT_SCHEMA = {
  type: 'object',
  description: 'One usage event. Give exactly one of `subscription_id` and `account_id`.',
  required: ['id', 'metric_code', 'timestamp'],
  additionalProperties: false,
  properties: {
    id: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      pattern: EVENT_ID_PATTERN,
      description:
        "The client's idempotency key for the event (1–255 visible ASCII characters): an id already stored is counted " +
        'once, in `duplicates`, for at least the 35 days during which its timestamp is accepted.',
      example: 'req_7f3a9c21',
    },
    subscription_id: { type: 'string', minLength: 1, maxLength: 255, pattern: REFERENCE_PATTERN, example: 'sub_0Kx3aB9zQ1cD2eF3gH4iJ5' },
    account_id: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      pattern: REFERENCE_PATTERN,
      description: "Instead of `subscription_id`: the event goes to the account's subscription whose plan charges the metric.",
      example: 'acct_0Kx3aB9zQ1cD2eF3gH4iJ5',
    },
    metric_code: { type: 'string', pattern: CODE_PATTERN.source, description: 'The billable metric.', example: 'api_calls' },
    timestamp: {
      type: 'string',
      format: 'date-time',
      maxLength: 64,
      description:
        'When the usage happened (RFC 3339 with a zone); the event counts in the period that contains it. Accepted ' +
        'from 35 days before the billing clock to 5 minutes after it, within the life of the subscription.',
      example: '2027-03-01T12:00:00Z',
    },
    value: {
      oneOf: [{ type: 'number' }, { type: 'string', pattern: DECIMAL_PATTERN }],
      description:
        'The number aggregated by `sum`, `max` and `latest` metrics without a `field` (a JSON number or a decimal ' +
        'string, at most 15 integer digits), zero or more (a negative value is 422); ignored by other metrics.',
      example: 12.5,
    },
    properties: {
      type: 'object',
      maxProperties: 100,
      additionalProperties: true,
      description: "Free-form properties; a metric's `field` names the one it aggregates.",
      example: { region: 'eu-west-1', user_id: 'u_42' },
    },
  },
  oneOf: [{ required: ['subscription_id'] }, { required: ['account_id'] }],
} as const;

/** The body of `POST /v1/usage`. */
export const USAGE_BATCH_SCHEMA = {
  type: 'object',
  required: ['events'],
  additionalProperties: false,
  properties: {
    events: { type: 'array', minItems: 1, maxItems: MAX_EVENTS_PER_BATCH, items: USAGE_EVENT_SCHEMA },
  },
  // A whole example: one composed from every property would name both a subscription and an account.
  example: {
    events: [
      {
        id: 'req_7f3a9c21',
        subscription_id: 'sub_0Kx3aB9zQ1cD2eF3gH4iJ5',
        metric_code: 'api_calls',
        timestamp: '2027-03-01T12:00:00Z',
        value: 1,
      },
    ],
  },
} as const;

/** A usage event as the schema admits it. */
export interface UsageEventInput {
  id: string;
  subscription_id?: string;
  account_id?: string;
  metric_code: string;
  timestamp: string;
  value?: number | string;
  properties?: Record<string, unknown>;
}

export interface UsageBatchInput {
  events: UsageEventInput[];
}

// Compiled once, when the module loads: validating a 1000-event batch then costs well under a millisecond.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
addFormats(ajv, ['date-time']);
ajv.addKeyword({ keyword: 'example', schemaType: ['string', 'number', 'object', 'array', 'boolean'] });
const validateBatch = ajv.compile<UsageBatchInput>(USAGE_BATCH_SCHEMA);

export type BatchShape = { ok: true; batch: UsageBatchInput } | { ok: false; errors: FieldError[] };

/** Checks the shape of a whole batch at once; failing fields are named as API.md spells them: `events[3].metric_code`. */
export function checkBatchShape(body: unknown): BatchShape {
  if (validateBatch(body)) return { ok: true, batch: body };
  return { ok: false, errors: toFieldErrors(validateBatch.errors ?? []) };
}

const MESSAGES: Record<string, string> = {
  id: 'must be 1–255 visible ASCII characters',
  subscription_id: 'must be a subscription id',
  account_id: 'must be an account id',
  metric_code: 'must be a metric code: 1–100 characters among a-z, 0-9, "_", "." and "-"',
  timestamp: 'must be an RFC 3339 timestamp with a time zone, e.g. 2027-03-01T12:00:00Z',
  value: 'must be a number or a decimal string (at most 15 integer and 12 fraction digits)',
  properties: 'must be an object of at most 100 properties',
};

/** Ajv's errors as field errors, one per field, in the order of the batch. */
export function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const byField = new Map<string, string>();
  // An event that is not an object fails its type; its oneOf (which passes both ways) would only add noise.
  const notObjects = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  for (const error of errors) {
    if (error.keyword === 'oneOf' && notObjects.has(error.instancePath)) continue;
    const fieldError = toFieldError(error);
    if (fieldError && !byField.has(fieldError.field)) byField.set(fieldError.field, fieldError.message);
    if (byField.size >= MAX_REPORTED_ERRORS) break;
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

function toFieldError(error: ErrorObject): FieldError | null {
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  const path = segments.reduce((at, segment) => (/^\d+$/.test(segment) ? `${at}[${segment}]` : at ? `${at}.${segment}` : segment), '');
  const isEvent = /^events\[\d+\]$/.test(path);
  // The branches of an event's oneOf (subscription_id or account_id) only explain the oneOf error itself.
  if (isEvent && error.schemaPath.includes('/oneOf/')) return null;
  if (isEvent && error.keyword === 'oneOf') {
    const both = Array.isArray(error.params.passingSchemas);
    return {
      field: `${path}.subscription_id`,
      message: both ? 'give subscription_id or account_id, not both' : 'is required (or give account_id)',
    };
  }
  switch (error.keyword) {
    case 'required':
      return { field: join(path, error.params.missingProperty as string), message: 'is required' };
    case 'additionalProperties':
      return { field: join(path, error.params.additionalProperty as string), message: 'is not a field of this object' };
    case 'minItems':
      return { field: path, message: 'must list at least one event' };
    case 'maxItems':
      return { field: path, message: `must list at most ${MAX_EVENTS_PER_BATCH} events` };
  }
  if (path === '') return { field: 'events', message: 'the body must be an object: { "events": [ … ] }' };
  if (path === 'events') return { field: path, message: `must be an array of 1–${MAX_EVENTS_PER_BATCH} events` };
  if (isEvent) return { field: path, message: 'must be an object' };
  const last = segments.length >= 3 && segments[0] === 'events' ? segments[2] : undefined;
  // A path inside an event's field (a nested property) is reported on the field itself.
  const fieldPath = last !== undefined ? `events[${segments[1]}].${last}` : path;
  return { field: fieldPath, message: (last && MESSAGES[last]) || error.message || 'is invalid' };
}

function join(path: string, property: string): string {
  return path ? `${path}.${property}` : property;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
