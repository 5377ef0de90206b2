import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LineType } from '../domain/generate-invoices';
import type { InvoiceLineRecord, InvoiceRecord, InvoiceStatus } from '../domain/invoice-record';
import type { InvoiceSnapshot } from '../domain/invoice-snapshot';
import type { CreditNoteRecord } from '../domain/credit-note';

const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity('invoices')
export class InvoiceEntity implements InvoiceRecord {
  @PrimaryColumn('text') id: string;
  @Column('text') number: string;
  @Column('text', { name: 'account_id' }) accountId: string;
  @Column('text', { name: 'subscription_id', nullable: true }) subscriptionId: string | null;
  @Column('char', { length: 3 }) currency: string;
  @Column('text') status: InvoiceStatus;
  @Column('text', { name: 'billing_reason' }) billingReason: string;
  @Column('timestamptz', { name: 'effective_at' }) effectiveAt: Date;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'period_start', nullable: true }) periodStart: Date | null;
  @Column('timestamptz', { name: 'period_end', nullable: true }) periodEnd: Date | null;
  @Column('bigint', { transformer: bigintAsNumber }) subtotal: number;
  @Column('bigint', { transformer: bigintAsNumber }) tax: number;
  @Column('bigint', { transformer: bigintAsNumber }) total: number;
  @Column('bigint', { name: 'credit_applied', transformer: bigintAsNumber }) creditApplied: number;
  @Column('bigint', { name: 'amount_due', transformer: bigintAsNumber }) amountDue: number;
  @Column('bigint', { name: 'amount_paid', transformer: bigintAsNumber }) amountPaid: number;
  @Column('bigint', { name: 'amount_credited', transformer: bigintAsNumber }) amountCredited: number;
  @Column('bigint', { name: 'amount_refunded', transformer: bigintAsNumber }) amountRefunded: number;
  @Column('jsonb') notes: string[];
  @Column('jsonb') snapshot: InvoiceSnapshot;
  @Column('timestamptz', { name: 'paid_at', nullable: true }) paidAt: Date | null;
  @Column('timestamptz', { name: 'voided_at', nullable: true }) voidedAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

@Entity('invoice_lines')
export class InvoiceLineEntity implements InvoiceLineRecord {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'invoice_id' }) invoiceId: string;
  @Column('integer') position: number;
  @Column('text') type: LineType;
  @Column('text') description: string;
  @Column('text', { name: 'subscription_id', nullable: true }) subscriptionId: string | null;
  @Column('text', { name: 'plan_code', nullable: true }) planCode: string | null;
  @Column('text', { name: 'metric_code', nullable: true }) metricCode: string | null;
  @Column('text') quantity: string;
  @Column('text', { name: 'unit_amount' }) unitAmount: string;
  @Column('bigint', { transformer: bigintAsNumber }) amount: number;
  @Column('bigint', { name: 'tax_amount', transformer: bigintAsNumber }) taxAmount: number;
  @Column('text', { name: 'tax_rate_id', nullable: true }) taxRateId: string | null;
  @Column('timestamptz', { name: 'period_start', nullable: true }) periodStart: Date | null;
  @Column('timestamptz', { name: 'period_end', nullable: true }) periodEnd: Date | null;
  @Column('text', { name: 'billing_event_id', nullable: true }) billingEventId: string | null;
}

@Entity('credit_notes')
export class CreditNoteEntity implements CreditNoteRecord {
  @PrimaryColumn('text') id: string;
  @Column('text') number: string;
  @Column('text', { name: 'invoice_id' }) invoiceId: string;
  @Column('text', { name: 'account_id' }) accountId: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('bigint', { transformer: bigintAsNumber }) amount: number;
  @Column('bigint', { transformer: bigintAsNumber }) subtotal: number;
  @Column('bigint', { transformer: bigintAsNumber }) tax: number;
  @Column('jsonb') snapshot: InvoiceSnapshot;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('boolean') refund: boolean;
  @Column('text', { name: 'applied_to' }) appliedTo: 'invoice' | 'credit_balance' | 'refund';
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
