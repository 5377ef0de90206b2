import { ListAuditLogQuery } from '@billing/audit';
import { Access } from '@billing/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { pageRequest } from '../http/pagination.dto';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import { ListAuditLogQueryDto } from './audit-log.request.dto';
import { AuditLogEntryResponse } from './audit-log.response.dto';

@ApiTags('Audit log')
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listAuditLog', summary: 'List audit entries, newest first' })
  @ApiPage(AuditLogEntryResponse)
  @ApiProblems()
  list(@Query() query: ListAuditLogQueryDto) {
    return this.queries.execute(new ListAuditLogQuery({ resourceId: query.resource_id, actor: query.actor }, pageRequest(query)));
  }
}
