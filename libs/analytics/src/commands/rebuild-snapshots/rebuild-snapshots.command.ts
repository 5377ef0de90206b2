import { Command } from '@nestjs/cqrs';
import type { AnalyticsRange } from '../../domain/analytics-range';

export interface RebuildResult {
  object: 'analytics_rebuild';
  from: string;
  to: string;
  days: number;
}

/** Computes the snapshots of [from, to] again from the subscriptions' history (422 naming the field for a bad range). */
export class RebuildSnapshotsCommand extends Command<RebuildResult> {
  constructor(readonly range: AnalyticsRange) {
    super();
  }
}
