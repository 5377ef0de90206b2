import { Access } from '@billing/auth';
import { Body, Controller, Get, HttpCode, HttpException, Post } from '@nestjs/common';
import { ApiGatewayTimeoutResponse, ApiInternalServerErrorResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/schemas';
import { problem } from '../http/problem';
import { AdvanceClockDto } from './test-clock.request.dto';
import { AdvancedClockResponse, ClockResponse } from './test-clock.response.dto';
import { TestClockService } from './test-clock.service';

/** Exists only with BILLING_CLOCK=test (the module is not loaded otherwise, so the routes answer 404). */
@ApiTags('Test clock')
@Controller('v1/test/clock')
export class TestClockController {
  constructor(private readonly testClock: TestClockService) {}

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'getTestClock', summary: 'The test clock' })
  @ApiOkResponse({ type: ClockResponse })
  get() {
    return { now: this.testClock.now().toISOString() };
  }

  @Post()
  @HttpCode(200)
  @Access('admin')
  @ApiOperation({
    operationId: 'advanceTestClock',
    summary: 'Move the test clock forward and wait until all work due by then is processed',
  })
  @ApiOkResponse({ type: AdvancedClockResponse })
  @ApiGatewayTimeoutResponse({ description: 'The work was not done within `timeout_seconds`.' })
  @ApiInternalServerErrorResponse({
    description: 'Work due by the new instant failed (`clock_work_failed`); `failures` names each task, subject and error.',
  })
  @ApiProblems()
  async advance(@Body() body: AdvanceClockDto) {
    const result = await this.testClock.advance(new Date(body.now), body.timeout_seconds ?? 60);
    if (result.outcome === 'timeout') {
      throw new HttpException(
        problem(504, 'clock_work_pending', `${result.pendingJobs} pieces of work were still pending at the timeout.`),
        504,
      );
    }
    if (result.outcome === 'failed') {
      const failures = result.failures.map((failure) => ({ task: failure.task, subject_id: failure.subjectId, error: failure.error }));
      const named = failures.map((failure) => `${failure.task} ${failure.subject_id}: ${failure.error}`).join('; ');
      throw new HttpException({ ...problem(500, 'clock_work_failed', `Work due by the new instant failed: ${named}`), failures }, 500);
    }
    return { now: result.now.toISOString(), pending_jobs: 0 };
  }
}
