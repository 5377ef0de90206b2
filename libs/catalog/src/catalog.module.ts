import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateMetricHandler } from './commands/create-metric/create-metric.handler';
import { CreatePlanHandler } from './commands/create-plan/create-plan.handler';
import { UpdatePlanHandler } from './commands/update-plan/update-plan.handler';
import { MetricEntity, PlanChargeEntity, PlanEntity, PlanPriceEntity } from './persistence/catalog.entities';
import { MetricRepository } from './persistence/metric.repository';
import { PlanRepository } from './persistence/plan.repository';
import { GetMetricHandler } from './queries/get-metric/get-metric.handler';
import { GetPlanHandler } from './queries/get-plan/get-plan.handler';
import { ListMetricsHandler } from './queries/list-metrics/list-metrics.handler';
import { ListPlansHandler } from './queries/list-plans/list-plans.handler';

@Module({
  imports: [TypeOrmModule.forFeature([MetricEntity, PlanEntity, PlanPriceEntity, PlanChargeEntity])],
  providers: [
    MetricRepository,
    PlanRepository,
    CreateMetricHandler,
    CreatePlanHandler,
    UpdatePlanHandler,
    GetMetricHandler,
    ListMetricsHandler,
    GetPlanHandler,
    ListPlansHandler,
  ],
})
export class CatalogModule {}
