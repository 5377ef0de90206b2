import { ListAuditLogQuery } from '@billing/audit';
import { Access } from '@billing/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { PageQuery, pageRequest } from '../http/pagination.dto';
import { ApiPage, ApiProblems } from '../openapi/schemas';

class ListAuditLogQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Only entries about this resource id.' }) @IsOptional() @IsString() resource_id?: string;
  @ApiPropertyOptional({ description: 'Only entries by this actor id (an API key id or a JWT subject).' })
  @IsOptional()
  @IsString()
  actor?: string;
}

class AuditActorSchema {
  @ApiProperty({ enum: ['api_key', 'jwt', 'system'] }) type: string;
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['super_admin', 'billing_admin', 'support_rep', 'finance_viewer'] }) role: string;
}

export class AuditLogEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: AuditActorSchema }) actor: AuditActorSchema;
  @ApiProperty({ nullable: true, type: String }) request_id: string | null;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action: string;
  @ApiProperty({ example: 'account' }) resource_type: string;
  @ApiProperty() resource_id: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) before: unknown;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) after: unknown;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

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
