import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PaymentRecord } from '../domain/payment';

const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/** The payments row, mapped for the list and get queries (writes are set-based SQL in payments.ts). */
@Entity('payments')
export class PaymentEntity implements PaymentRecord {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'invoice_id' }) invoiceId: string;
  @Column('text', { name: 'account_id' }) accountId: string;
  @Column('bigint', { transformer: bigintAsNumber }) amount: number;
  @Column('char', { length: 3 }) currency: string;
  @Column('text') status: PaymentRecord['status'];
  @Column('text') provider: PaymentRecord['provider'];
  @Column('text', { name: 'payment_method_id', nullable: true }) paymentMethodId: string | null;
  @Column('text', { name: 'provider_payment_id', nullable: true }) providerPaymentId: string | null;
  @Column('text', { name: 'failure_code', nullable: true }) failureCode: string | null;
  @Column('text', { name: 'failure_message', nullable: true }) failureMessage: string | null;
  @Column('integer') attempt: number;
  @Column('bigint', { name: 'refunded_amount', transformer: bigintAsNumber }) refundedAmount: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
