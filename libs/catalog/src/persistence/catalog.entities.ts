import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { ChargeModel, ChargePriceView } from '../domain/charge-models';
import type { Aggregation } from '../domain/metric';
import type { Interval } from '../domain/plan';

const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

@Entity('metrics')
export class MetricEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') aggregation: Aggregation;
  @Column('text', { nullable: true }) field: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

@Entity('plans')
export class PlanEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text') interval: Interval;
  @Column('integer', { name: 'interval_count' }) intervalCount: number;
  @Column('integer', { name: 'trial_days' }) trialDays: number;
  @Column('jsonb') metadata: Record<string, string>;
  @Column('boolean', { name: 'in_use' }) inUse: boolean;
  @VersionColumn() version: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

@Entity('plan_prices')
export class PlanPriceEntity {
  @PrimaryColumn('text', { name: 'plan_id' }) planId: string;
  @PrimaryColumn('char', { length: 3 }) currency: string;
  @Column('bigint', { transformer: bigintAsNumber }) amount: number;
}

@Entity('plan_charges')
export class PlanChargeEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'plan_id' }) planId: string;
  @Column('smallint') position: number;
  @Column('text', { name: 'metric_id' }) metricId: string;
  @Column('text') model: ChargeModel;
  /** The prices as the API spells them (snake_case), e.g. `[{ "currency": "USD", "unit_amount": "0.05" }]`. */
  @Column('jsonb') prices: ChargePriceView[];
}
