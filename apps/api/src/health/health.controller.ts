import { Public } from '@billing/auth';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { problem } from '../http/problem';
import { QueueHealthIndicator } from './queue.health';

@ApiTags('Operations')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queue: QueueHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    operationId: 'liveness',
    summary: 'Liveness: 200 while the process runs',
    description: 'Never touches the database: a failing answer means the process must be restarted. No credentials.',
    security: [],
  })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    operationId: 'readiness',
    summary: 'Readiness: 200 when the database and the queue answer, else 503',
    description:
      'Checks the database and the queue backend, 2 s each; the 503 problem names those down and keeps `details`. No credentials.',
    security: [],
  })
  async ready() {
    try {
      // Each check gives up after 2 s (the ping includes the wait for a pooled connection), so a stalled
      // database makes this answer 503 in about 2 s rather than when the api's own timeouts fire.
      return await this.health.check([() => this.database.pingCheck('database', { timeout: 2000 }), () => this.queue.check('queue')]);
    } catch (error) {
      throw notReadyProblem(error);
    }
  }
}

/**
 * terminus refuses with a 503 whose body is its own result; ours is a problem like every error answer, naming
 * the checks that are down and keeping terminus' `details`.
 */
function notReadyProblem(error: unknown): unknown {
  if (!(error instanceof ServiceUnavailableException)) return error;
  const result = error.getResponse() as HealthCheckResult;
  const down = Object.keys(result.error ?? {});
  return new ServiceUnavailableException({
    ...problem(503, 'unavailable', `Not ready, down: ${down.join(', ')}.`),
    details: result.details,
  });
}
