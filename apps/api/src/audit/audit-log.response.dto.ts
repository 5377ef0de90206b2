import { AuditLogEntryView } from '@billing/audit';
import { Actor, Role, ROLES } from '@billing/kernel';
import { ApiProperty } from '@nestjs/swagger';

export class AuditActorSchema implements Actor {
  @ApiProperty({ enum: ['api_key', 'jwt', 'system'] }) type: Actor['type'];
  @ApiProperty() id: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role: Role;
}

export class AuditLogEntryResponse implements AuditLogEntryView {
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
