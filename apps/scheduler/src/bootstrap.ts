import { AppConfig } from '@billing/core';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { SchedulerModule, SchedulerOptions } from './scheduler.module';

/**
 * Builds and starts the scheduler (workers, relay, ticker, and its operations server on SCHEDULER_PORT, which
 * listens as the application bootstraps: a port in use fails the start): shared by main.ts and the tests.
 */
export async function createSchedulerApp(config: AppConfig, options: SchedulerOptions = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(SchedulerModule.forRoot(config, options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
