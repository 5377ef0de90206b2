import { Metric, Metrics } from '@billing/catalog';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Metrics never change once defined (catalog), so the codes seen are kept for the life of the process; a
 * code not yet seen costs one query for all of a batch's unknown codes.
 */
@Injectable()
export class MetricCache {
  private readonly metrics = new Map<string, Metric>();

  constructor(private readonly dataSource: DataSource) {}

  async byCodes(codes: readonly string[]): Promise<ReadonlyMap<string, Metric>> {
    const missing = [...new Set(codes)].filter((code) => !this.metrics.has(code));
    if (missing.length > 0) {
      for (const [code, metric] of await Metrics.byCodes(this.dataSource.manager, missing)) this.metrics.set(code, metric);
    }
    return this.metrics;
  }
}
