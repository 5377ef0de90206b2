import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreateMetricHandler } from './commands/create-metric/create-metric.handler';
import { CreatePlanHandler } from './commands/create-plan/create-plan.handler';
import { UpdatePlanHandler } from './commands/update-plan/update-plan.handler';
import { MetricEntity, PlanChargeEntity, PlanEntity, PlanPriceEntity } from './persistence/catalog.entities';
import { MetricRepository } from './persistence/metric.repository';
import { PlanRepository } from './persistence/plan.repository';
import { GetMetricHandler, ListMetricsHandler } from './queries/metric.queries';
import { GetPlanHandler, ListPlansHandler } from './queries/plan.queries';

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
