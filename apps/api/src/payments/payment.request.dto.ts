import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from '@billing/kernel';
import { PageQuery } from '../http/pagination.dto';

const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'unknown'] as const;

export class AttachPaymentMethodDto {
  @ApiProperty({ example: 'pm_card_visa', description: "A payment method token from Stripe.js, or one of Stripe's test tokens." })
  @IsString()
  @Length(1, 255)
  provider_token: string;

  @ApiPropertyOptional({ description: "Make it the account's default (the account's first method always is). Default false." })
  @IsOptional()
  @IsBoolean()
  default?: boolean;
}

export class PayInvoiceDto {
  @ApiPropertyOptional({
    description: 'Record a payment made outside any provider (provider `manual`) instead of charging. Default false.',
  })
  @IsOptional()
  @IsBoolean()
  paid_out_of_band?: boolean;
}

export class RefundPaymentDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Minor units; all that is left to refund when omitted.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount?: number;
}

export class ListPaymentsQueryDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() invoice_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() account_id?: string;
  @ApiPropertyOptional({ enum: PAYMENT_STATUSES, enumName: 'PaymentStatus' })
  @IsOptional()
  @IsIn(PAYMENT_STATUSES)
  status?: (typeof PAYMENT_STATUSES)[number];
}
