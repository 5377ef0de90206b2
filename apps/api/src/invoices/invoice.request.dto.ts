import { CREDIT_NOTE_REASON_MAX_LENGTH, INVOICE_STATUSES, InvoiceStatus } from '@billing/invoicing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../http/pagination.dto';
import { ChangeSubscriptionDto } from '../subscriptions/subscription.request.dto';

export class ListInvoicesQueryDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() account_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() subscription_id?: string;
  @ApiPropertyOptional({ enum: INVOICE_STATUSES, enumName: 'InvoiceStatus' }) @IsOptional() @IsIn(INVOICE_STATUSES) status?: InvoiceStatus;
}

export class PreviewInvoiceDto {
  @ApiPropertyOptional({ description: 'The next invoice of this account.' }) @IsOptional() @IsString() account_id?: string;
  @ApiPropertyOptional({ description: 'With `change`: the invoice the change would produce now.' })
  @IsOptional()
  @IsString()
  subscription_id?: string;
  @ApiPropertyOptional({ type: ChangeSubscriptionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChangeSubscriptionDto)
  change?: ChangeSubscriptionDto;
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
