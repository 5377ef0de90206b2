import { AccountView, OverdueState } from '@billing/accounts';
import { ApiProperty } from '@nestjs/swagger';
import { AddressDto } from './account.request.dto';

export class AccountResponse implements AccountView {
  @ApiProperty({ example: 'acct_4Qk2…' }) id: string;
  @ApiProperty({ enum: ['account'] }) object: 'account';
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: 'UTC' }) timezone: string;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ nullable: true, type: AddressDto }) address: AddressDto | null;
  @ApiProperty() tax_exempt: boolean;
  @ApiProperty({ nullable: true, type: String }) tax_id: string | null;
  @ApiProperty({ nullable: true, type: String }) external_key: string | null;
  @ApiProperty({ nullable: true, type: 'integer' }) bill_cycle_day: number | null;
  @ApiProperty({ type: 'integer' }) net_terms_days: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) metadata: Record<string, string>;
  @ApiProperty({ type: 'integer', description: 'Credit in the minor unit of the account currency.', example: 0 }) credit_balance: number;
  @ApiProperty({ enum: ['ok', 'warning', 'blocked', 'cancelled'] }) overdue_state: OverdueState;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}
