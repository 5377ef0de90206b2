import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Counter } from 'prom-client';
import { ReplayedResponse } from './idempotency.interceptor';
import { RETRY_UNAVAILABLE_AFTER_SECONDS, toProblem } from './problem';

/** The one place where errors become HTTP answers (application/problem+json). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly errorsTotal: Counter<'code' | 'status'>) {}

  catch(error: unknown, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof ReplayedResponse) {
      const isProblem = error.status >= 400;
      void reply
        .status(error.status)
        .header('Idempotent-Replayed', 'true')
        .header('Content-Type', isProblem ? 'application/problem+json' : 'application/json; charset=utf-8')
        .send(error.body);
      return;
    }
    const body = toProblem(error);
    if (body.status >= 500) this.logger.error(error);
    this.errorsTotal.inc({ code: body.code, status: String(body.status) });
    const retryAfter = (error as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (body.status === 429 && retryAfter !== undefined) void reply.header('Retry-After', String(retryAfter));
    if (body.status === 503) void reply.header('Retry-After', String(RETRY_UNAVAILABLE_AFTER_SECONDS));
    void reply.status(body.status).header('Content-Type', 'application/problem+json').send(body);
  }
}
