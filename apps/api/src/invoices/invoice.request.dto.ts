import { CREDIT_NOTE_REASON_MAX_LENGTH, INVOICE_STATUSES, InvoiceStatus } from '@billing/invoicing';
import { MAX_QUANTITY, Proration, PRORATIONS, Timing, TIMINGS } from '@billing/subscriptions';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../http/pagination.dto';

export class ListInvoicesQueryDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() account_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() subscription_id?: string;
  @ApiPropertyOptional({ enum: INVOICE_STATUSES, enumName: 'InvoiceStatus' }) @IsOptional() @IsIn(INVOICE_STATUSES) status?: InvoiceStatus;
}

export class ProposedChangeDto {
  @ApiPropertyOptional() @IsOptional() @IsString() plan_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() plan_code?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_QUANTITY })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity?: number;
  @ApiPropertyOptional({ enum: TIMINGS, enumName: 'ChangeTiming', description: 'Default: `immediate`.' })
  @IsOptional()
  @IsIn(TIMINGS)
  timing?: Timing;
  @ApiPropertyOptional({ enum: PRORATIONS, enumName: 'Proration', description: 'Default: `prorate`.' })
  @IsOptional()
  @IsIn(PRORATIONS)
  proration?: Proration;
}

export class PreviewInvoiceDto {
  @ApiPropertyOptional({ description: 'The next invoice of this account.' }) @IsOptional() @IsString() account_id?: string;
  @ApiPropertyOptional({ description: 'With `change`: the invoice the change would produce now.' })
  @IsOptional()
  @IsString()
  subscription_id?: string;
  @ApiPropertyOptional({ type: ProposedChangeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProposedChangeDto)
  change?: ProposedChangeDto;
}

export class CreateCreditNoteDto {
  @ApiProperty() @IsString() @MinLength(1) invoice_id: string;
  @ApiProperty({ type: 'integer', example: 1000, description: 'Minor units, > 0.' }) @IsInt() @Min(1) amount: number;
  @ApiPropertyOptional({ maxLength: CREDIT_NOTE_REASON_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(CREDIT_NOTE_REASON_MAX_LENGTH)
  reason?: string;
  @ApiPropertyOptional({
    description:
      "Refund a paid invoice's payments through the payment provider instead of crediting the account's balance. Default: `false`.",
  })
  @IsOptional()
  @IsBoolean()
  refund?: boolean;
}

export class ListCreditNotesQueryDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() invoice_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() account_id?: string;
}
