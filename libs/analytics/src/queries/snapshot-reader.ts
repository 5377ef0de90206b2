import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DailySnapshot } from '../domain/analytics-series';
import { DailySnapshots } from '../persistence/daily-snapshots';

/** Ranges remembered at most (dashboards ask the same few over and over). */
const MAX_ENTRIES = 200;

/**
 * The reads' access to the snapshots, remembering the rows of recent ranges for as long as no day is computed
 * again: each read asks the database only for the snapshots' version (the last `computed_at` and the number of
 * days, one tiny query), so an answer is never older than the snapshots, on any api replica, and 3 years of
 * daily rows are parsed once per computation rather than per request.
 */
@Injectable()
export class SnapshotReader {
  private readonly cache = new Map<string, { version: string; rows: DailySnapshot[] }>();

  constructor(private readonly dataSource: DataSource) {}

  async read(currency: string, from: string, to: string): Promise<DailySnapshot[]> {
    const manager = this.dataSource.manager;
    const version = await DailySnapshots.version(manager);
    const key = `${currency}|${from}|${to}`;
    const cached = this.cache.get(key);
    if (cached && cached.version === version) return cached.rows;
    const rows = await DailySnapshots.read(manager, currency, from, to);
    this.cache.delete(key);
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { version, rows });
    return rows;
  }
}
