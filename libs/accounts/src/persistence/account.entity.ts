import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { Address, OverdueState } from '../domain/account';

const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

@Entity('accounts')
export class AccountEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @Column('text') email: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('text') timezone: string;
  @Column('char', { length: 2, nullable: true }) country: string | null;
  @Column('jsonb', { nullable: true }) address: Address | null;
  @Column('boolean', { name: 'tax_exempt' }) taxExempt: boolean;
  @Column('text', { name: 'tax_id', nullable: true }) taxId: string | null;
  @Column('text', { name: 'external_key', nullable: true }) externalKey: string | null;
  @Column('smallint', { name: 'bill_cycle_day', nullable: true }) billCycleDay: number | null;
  @Column('integer', { name: 'net_terms_days' }) netTermsDays: number;
  @Column('jsonb') metadata: Record<string, string>;
  @Column('bigint', { name: 'credit_balance', transformer: bigintAsNumber }) creditBalance: number;
  @Column('text', { name: 'overdue_state' }) overdueState: OverdueState;
  @Column('boolean', { name: 'has_invoices' }) hasInvoices: boolean;
  @VersionColumn() version: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
