import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Clock, SystemClock } from '@billing/kernel';
import { TestClock } from './test-clock';

@Global()
@Module({
  providers: [
    {
      provide: Clock,
      inject: [APP_CONFIG, DataSource],
      useFactory: async (config: AppConfig, dataSource: DataSource) => {
        if (config.clockMode === 'system') return new SystemClock();
        const clock = new TestClock(dataSource);
        await clock.refresh();
        return clock;
      },
    },
  ],
  exports: [Clock],
})
export class ClockModule {}
