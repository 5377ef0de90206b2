import { AccountView, OverdueState, OverdueStateChangedView } from '@billing/accounts';

const OVERDUE_STATES: readonly OverdueState[] = ['ok', 'warning', 'blocked', 'cancelled'];
import { ApiProperty } from '@nestjs/swagger';
import { AddressDto } from './account.request.dto';

export class AccountResponse implements AccountView {
  @ApiProperty({ example: 'acct_4Qk2…' }) id: string;
  @ApiProperty({ enum: ['account'], enumName: 'AccountObject' }) object: 'account';
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
  @ApiProperty({ enum: OVERDUE_STATES, enumName: 'OverdueState' }) overdue_state: OverdueState;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

/** The payload of `account.overdue_state_changed`: the account as it now is, and the state it left. */
export class OverdueStateChangedResponse extends AccountResponse implements OverdueStateChangedView {
  @ApiProperty({ enum: OVERDUE_STATES, enumName: 'OverdueState' }) previous_overdue_state: OverdueState;
}
