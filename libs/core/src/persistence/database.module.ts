import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { WorkFailures } from '../failures/work-failures';

/** TypeORM over the configured PostgreSQL. The schema is owned by migrations/, never `synchronize`. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.databaseUrl) throw new Error('DATABASE_URL is required by the api and the scheduler');
        return {
          type: 'postgres' as const,
          url: config.databaseUrl,
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          // Event consumers hold an inbox transaction while a subscriber may open one of its own: room for both.
          extra: { max: 20 },
        };
      },
    }),
  ],
  providers: [WorkFailures],
  exports: [WorkFailures],
})
export class DatabaseModule {}
