import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../http/pagination.dto';

export class ListEventsQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'account.created' }) @IsOptional() @IsString() type?: string;
}
