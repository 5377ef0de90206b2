import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/config';

export const QUEUES = {
  /** Committed domain events relayed from the outbox, a batch per job ({@link EventBatch}). */
  domainEvents: 'domain-events',
  /** Clock-driven repeatable work (renewals, retention, …); jobId = task name + due instant. */
  scheduledTasks: 'scheduled-tasks',
} as const;

/** A domain-events job: committed events, in outbox order. */
export interface EventBatch {
  eventIds: string[];
}

/**
 * A batch's jobId is a digest of its events: the same batch relayed twice (a crash before the relay's
 * commit) is one job, since BullMQ ignores a jobId it knows, while a batch of other events never is.
 */
export function batchJobId(eventIds: readonly string[]): string {
  return `events_${createHash('sha256').update(eventIds.join(',')).digest('base64url').slice(0, 32)}`;
}

export const QUEUE_SCHEMA = 'bullmq';

/**
 * Where BullMQ keeps its jobs: Redis when REDIS_URL is set (production), otherwise BullMQ's PostgreSQL
 * backend in its own schema of our database, so the embedded default needs nothing else installed.
 */
export function queueConnection(config: AppConfig): ConnectionOptions {
  if (config.redisUrl) {
    const url = new URL(config.redisUrl);
    return {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: url.username || undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      tls: url.protocol === 'rediss:' ? {} : undefined,
      maxRetriesPerRequest: null,
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  return { connectionString: config.databaseUrl, schema: QUEUE_SCHEMA, migrate: true, max: 5 } as ConnectionOptions;
}

export function queueBackendName(config: AppConfig): 'redis' | 'postgres' {
  return config.redisUrl ? 'redis' : 'postgres';
}
