import { ListPaymentMethodsQuery, PaymentMethodView, PaymentRecord, PaymentView } from '@billing/payments';
import { QueryResult } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';

export class PaymentResponse implements PaymentView {
  @ApiProperty({ example: 'pay_4Qk2…' }) id: string;
  @ApiProperty({ enum: ['payment'] }) object: 'payment';
  @ApiProperty() invoice_id: string;
  @ApiProperty() account_id: string;
  @ApiProperty({ type: 'integer', description: 'Minor units of `currency`.' }) amount: number;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed', 'unknown'], enumName: 'PaymentStatus' }) status: PaymentRecord['status'];
  @ApiProperty({ enum: ['stripe', 'sandbox', 'manual'] }) provider: PaymentRecord['provider'];
  @ApiProperty({ nullable: true, type: String, example: 'pi_3Mt…' }) provider_payment_id: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'card_declined' }) failure_code: string | null;
  @ApiProperty({ nullable: true, type: String }) failure_message: string | null;
  @ApiProperty({ type: 'integer', description: 'The attempt number for its invoice, from 1.' }) attempt: number;
  @ApiProperty({ type: 'integer', description: 'Minor units refunded so far.' }) refunded_amount: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class PaymentMethodResponse implements PaymentMethodView {
  @ApiProperty({ example: 'pm_4Qk2…' }) id: string;
  @ApiProperty({ enum: ['payment_method'] }) object: 'payment_method';
  @ApiProperty() account_id: string;
  @ApiProperty({ enum: ['stripe', 'sandbox'] }) provider: string;
  @ApiProperty({ example: 'pm_1Nx…' }) provider_payment_method_id: string;
  @ApiProperty({ example: 'visa' }) brand: string;
  @ApiProperty({ example: '4242' }) last4: string;
  @ApiProperty({ type: 'integer', example: 12 }) exp_month: number;
  @ApiProperty({ type: 'integer', example: 2030 }) exp_year: number;
  @ApiProperty() default: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class PaymentMethodListResponse implements QueryResult<ListPaymentMethodsQuery> {
  @ApiProperty({ type: [PaymentMethodResponse] }) data: PaymentMethodResponse[];
}
