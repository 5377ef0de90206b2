import { CreditNoteView, INVOICE_STATUSES, InvoiceOrPreviewLineView, InvoiceOrPreviewView } from '@billing/invoicing';
import { ApiProperty } from '@nestjs/swagger';

export class InvoiceLineResponse implements InvoiceOrPreviewLineView {
  @ApiProperty({ nullable: true, type: String, description: 'null in a preview' }) id: string | null;
  @ApiProperty({ enum: ['subscription', 'proration', 'usage', 'credit'] }) type: string;
  @ApiProperty({ example: 'pro × 1 (2027-04-11 – 2027-05-01)' }) description: string;
  @ApiProperty({ nullable: true, type: String }) subscription_id: string | null;
  @ApiProperty({ nullable: true, type: String }) plan_code: string | null;
  @ApiProperty({ nullable: true, type: String }) metric_code: string | null;
  @ApiProperty({ example: '1', description: 'Decimal string.' }) quantity: string;
  @ApiProperty({ example: '9000', description: 'Decimal string in minor units.' }) unit_amount: string;
  @ApiProperty({ type: 'integer', example: 6000, description: 'Minor units; negative for credits.' }) amount: number;
  @ApiProperty({ type: 'integer', example: 1200 }) tax_amount: number;
  @ApiProperty({ nullable: true, type: String }) tax_rate_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) period_start: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) period_end: string | null;
}

export class InvoiceResponse implements InvoiceOrPreviewView {
  @ApiProperty({ nullable: true, type: String, example: 'inv_0Kx3…', description: 'null in a preview' }) id: string | null;
  @ApiProperty({ enum: ['invoice'] }) object: 'invoice';
  @ApiProperty({ nullable: true, type: String, example: 'INV-000042', description: 'Gapless; null in a preview' }) number: string | null;
  @ApiProperty() account_id: string;
  @ApiProperty({ nullable: true, type: String }) subscription_id: string | null;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ enum: INVOICE_STATUSES, enumName: 'InvoiceStatus' }) status: string;
  @ApiProperty({ enum: ['subscription_cycle', 'subscription_update', 'subscription_end'] }) billing_reason: string;
  @ApiProperty({ format: 'date-time' }) issued_at: string;
  @ApiProperty({ format: 'date-time', description: 'issued_at + the account’s net_terms_days' }) due_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) period_start: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) period_end: string | null;
  @ApiProperty({ type: [InvoiceLineResponse] }) lines: InvoiceLineResponse[];
  @ApiProperty({ type: 'integer', example: 4000, description: 'Sum of line amounts.' }) subtotal: number;
  @ApiProperty({ type: 'integer', example: 800, description: 'Sum of line taxes.' }) tax: number;
  @ApiProperty({ type: 'integer', example: 4800, description: 'subtotal + exclusive taxes.' }) total: number;
  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'Credit balance consumed; when total is negative, equals total (the negative net went to the credit balance).',
  })
  credit_applied: number;
  @ApiProperty({ type: 'integer', example: 4800, description: 'total − credit_applied.' }) amount_due: number;
  @ApiProperty({ type: 'integer', example: 0 }) amount_paid: number;
  @ApiProperty({ type: 'integer', example: 4800, description: 'amount_due − amount_paid − credit notes; 0 when void.' })
  amount_remaining: number;
  @ApiProperty({ type: [String], description: 'E.g. the reverse charge statement.' }) notes: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paid_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) voided_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class CreditNoteResponse implements CreditNoteView {
  @ApiProperty({ example: 'cn_0Kx3…' }) id: string;
  @ApiProperty({ enum: ['credit_note'] }) object: 'credit_note';
  @ApiProperty({ example: 'CN-000001' }) number: string;
  @ApiProperty() invoice_id: string;
  @ApiProperty() account_id: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: 'integer', example: 1200, description: 'What the note credits, tax included (= `total`); minor units.' })
  amount: number;
  @ApiProperty({
    type: 'integer',
    example: 1000,
    description: 'Net of exclusive tax (with inclusive taxes it holds the tax, as the invoice lines do).',
  })
  subtotal: number;
  @ApiProperty({ type: 'integer', example: 200, description: "The credited tax: the invoice's tax, pro rata." }) tax: number;
  @ApiProperty({ type: 'integer', example: 1200 }) total: number;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() refund: boolean;
  @ApiProperty({
    enum: ['invoice', 'credit_balance', 'refund'],
    description: 'Lowered the unpaid invoice, credited the account, or refunded through the payment provider.',
  })
  applied_to: CreditNoteView['applied_to'];
  @ApiProperty({ format: 'date-time' }) created_at: string;
}
