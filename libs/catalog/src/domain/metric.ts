import { ID_PREFIX, newId, RaisesEvents, ValidationFailed } from '@billing/kernel';
import { checkCode, checkName, FieldErrors } from './catalog-rules';

export const AGGREGATIONS = ['count', 'sum', 'max', 'unique_count', 'latest'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const FIELD_MAX_LENGTH = 100;

export interface MetricProps {
  id: string;
  code: string;
  name: string;
  aggregation: Aggregation;
  /**
   * The key of the event's `properties` that is aggregated; null means the event's `value` (for `sum`,
   * `max`, `latest`) and is the only choice for `count`.
   */
  field: string | null;
  createdAt: Date;
}

export type DefineMetricInput = Pick<MetricProps, 'code' | 'name' | 'aggregation'> & { field?: string | null };

/**
 * A billable metric: how a period's usage events of one `code` become a quantity (BILLING-RULES.md, Usage).
 * `field` by aggregation:
 * - `count` counts events and takes no field (422 when one is given);
 * - `sum`, `max` and `latest` aggregate the numeric property `field`, or the event's `value` without one;
 * - `unique_count` counts distinct values of `field`, which is therefore required.
 * Metrics are immutable once defined: charges and stored usage refer to them.
 */
export class Metric extends RaisesEvents<MetricProps> {
  private constructor(private readonly props: MetricProps) {
    super();
  }

  static restore(props: MetricProps): Metric {
    return new Metric(props);
  }

  static define(input: DefineMetricInput, now: Date): Metric {
    const errors = checkMetricInput(input);
    if (!errors.isEmpty) throw new ValidationFailed(errors.list);
    const metric = new Metric({
      id: newId(ID_PREFIX.metric),
      code: input.code,
      name: input.name,
      aggregation: input.aggregation,
      field: input.field ?? null,
      createdAt: now,
    });
    metric.raiseEvent('metric.created', metric.props, now);
    return metric;
  }

  get id(): string {
    return this.props.id;
  }

  get code(): string {
    return this.props.code;
  }

  get aggregation(): Aggregation {
    return this.props.aggregation;
  }

  get field(): string | null {
    return this.props.field;
  }

  snapshot(): Readonly<MetricProps> {
    return { ...this.props };
  }
}

/** The rules of a metric definition, as field errors (empty when valid). */
export function checkMetricInput(input: DefineMetricInput): FieldErrors {
  const errors = new FieldErrors();
  checkCode(errors, 'code', input.code);
  checkName(errors, 'name', input.name);
  const field = input.field ?? null;
  if (!(AGGREGATIONS as readonly unknown[]).includes(input.aggregation)) {
    errors.add('aggregation', `must be one of ${AGGREGATIONS.join(', ')}`);
  } else if (input.aggregation === 'count' && field !== null) {
    errors.add('field', 'is not used by the count aggregation, which counts events');
  } else if (input.aggregation === 'unique_count' && field === null) {
    errors.add('field', 'is required by the unique_count aggregation: the property whose distinct values are counted');
  }
  if (field !== null && (typeof field !== 'string' || field.length === 0 || field.length > FIELD_MAX_LENGTH)) {
    errors.add('field', `must be a property name of 1–${FIELD_MAX_LENGTH} characters`);
  }
  return errors;
}
