import { AnalyticsInterval, AnalyticsRange } from '../domain/analytics-range';

/** The parameters the three reads share. */
export interface AnalyticsRequest extends AnalyticsRange {
  interval: AnalyticsInterval;
  currency: string;
}
