import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, DatabaseTimeouts } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { WorkFailures } from '../failures/work-failures';
import { poolOptions } from './session-limits';

/** TypeORM over the configured PostgreSQL, its sessions held to `timeoutsOf(config)`. */
function typeOrmRoot(timeoutsOf: (config: AppConfig) => DatabaseTimeouts) {
  return TypeOrmModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => {
      if (!config.databaseUrl) throw new Error('DATABASE_URL is required by the api and the scheduler');
      return {
        type: 'postgres' as const,
        url: config.databaseUrl,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        extra: poolOptions(timeoutsOf(config)),
      };
    },
  });
}

/**
 * The database of the api (and of tests and benchmarks), with the api's time limits. The schema is owned by
 * migrations/, never `synchronize`; migrate() opens its own connection, without these limits.
 */
@Global()
@Module({
  imports: [typeOrmRoot((config) => config.apiDatabaseTimeouts)],
  providers: [WorkFailures],
  exports: [WorkFailures],
})
export class DatabaseModule {}

/** The same database for the scheduler, with its own time limits (none but SCHEDULER_DB_STATEMENT_TIMEOUT_MS). */
@Global()
@Module({
  imports: [typeOrmRoot((config) => config.schedulerDatabaseTimeouts)],
  providers: [WorkFailures],
  exports: [WorkFailures],
})
export class SchedulerDatabaseModule {}
