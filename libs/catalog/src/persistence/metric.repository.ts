import { NotFound } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Metric } from '../domain/metric';
import { MetricEntity } from './catalog.entities';

/**
 * Billable metrics, inside the caller's transaction. Part of the catalog's public read API: usage ingestion
 * resolves the `metric_code` of events with {@link findByCodes}.
 */
@Injectable()
export class MetricRepository {
  async insert(manager: EntityManager, metric: Metric): Promise<void> {
    await manager.insert(MetricEntity, { ...metric.snapshot() });
  }

  /** The metric with this id, else the one with this code. */
  async findMetric(manager: EntityManager, idOrCode: string): Promise<Metric | null> {
    const entity = (await manager.findOneBy(MetricEntity, { id: idOrCode })) ?? (await manager.findOneBy(MetricEntity, { code: idOrCode }));
    return entity ? Metric.restore(entity) : null;
  }

  /** As {@link findMetric}; NotFound (404) when there is none. */
  async getMetric(manager: EntityManager, idOrCode: string): Promise<Metric> {
    const metric = await this.findMetric(manager, idOrCode);
    if (!metric) throw new NotFound('metric', idOrCode);
    return metric;
  }

  /** The metrics among `codes` that exist, by code (one query). */
  async findByCodes(manager: EntityManager, codes: readonly string[]): Promise<Map<string, Metric>> {
    const wanted = [...new Set(codes.filter((code) => typeof code === 'string'))];
    if (wanted.length === 0) return new Map();
    const entities = await manager.findBy(MetricEntity, { code: In(wanted) });
    return new Map(entities.map((entity) => [entity.code, Metric.restore(entity)]));
  }
}
