import { AppConfig } from '@billing/core';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { SchedulerModule, SchedulerOptions } from './scheduler.module';

/** Builds and starts the scheduler (workers, relay, ticker): shared by main.ts and the end-to-end tests. */
export async function createSchedulerApp(config: AppConfig, options: SchedulerOptions = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(SchedulerModule.forRoot(config, options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
