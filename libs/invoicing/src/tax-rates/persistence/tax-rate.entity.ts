import { Column, Entity, PrimaryColumn } from 'typeorm';
import { canonicalPercentage } from '../domain/tax-rate';

/** numeric(6,4) comes back from PostgreSQL as "20.0000": the domain's canonical string is "20.0". */
const percentageAsCanonicalString = { to: (value: string) => value, from: (value: string) => canonicalPercentage(value) };

@Entity('tax_rates')
export class TaxRateEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('numeric', { precision: 6, scale: 4, transformer: percentageAsCanonicalString }) percentage: string;
  @Column('char', { length: 2 }) country: string;
  @Column('text', { nullable: true }) region: string | null;
  @Column('boolean') inclusive: boolean;
  @Column('boolean') active: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
