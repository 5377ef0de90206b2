import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../http/pagination.dto';

export class ListAuditLogQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Only entries about this resource id.' }) @IsOptional() @IsString() resource_id?: string;
  @ApiPropertyOptional({ description: 'Only entries by this actor id (an API key id or a JWT subject).' })
  @IsOptional()
  @IsString()
  actor?: string;
}
