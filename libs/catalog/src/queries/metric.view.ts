import type { Aggregation, MetricProps } from '../domain/metric';

/** A metric as the API shows it, and the payload of its events. */
export interface MetricView {
  id: string;
  object: 'metric';
  code: string;
  name: string;
  aggregation: Aggregation;
  field: string | null;
  created_at: string;
}

export function toMetricView(props: Readonly<MetricProps>): MetricView {
  return {
    id: props.id,
    object: 'metric',
    code: props.code,
    name: props.name,
    aggregation: props.aggregation,
    field: props.field,
    created_at: props.createdAt.toISOString(),
  };
}

declare module '@billing/kernel' {
  interface EventPayloads {
    'metric.created': MetricView;
  }
}
