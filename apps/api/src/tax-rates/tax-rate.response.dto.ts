import { TaxRateView } from '@billing/invoicing';
import { ApiProperty } from '@nestjs/swagger';
import { PERCENTAGE_DESCRIPTION, REGION_DESCRIPTION } from './tax-rate.request.dto';

export class TaxRateResponse implements TaxRateView {
  @ApiProperty({ example: 'txr_0Qx2LmA5k1c9XkR2bT7ZpQ' }) id: string;
  @ApiProperty({ enum: ['tax_rate'] }) object: 'tax_rate';
  @ApiProperty({ example: 'VAT DE' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'German VAT, standard rate' }) description: string | null;
  @ApiProperty({ example: '19.0', description: PERCENTAGE_DESCRIPTION }) percentage: string;
  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2.' }) country: string;
  @ApiProperty({ nullable: true, type: String, example: null, description: REGION_DESCRIPTION }) region: string | null;
  @ApiProperty({ example: false, description: 'Whether line amounts include the tax.' }) inclusive: boolean;
  @ApiProperty({ example: true, description: 'Whether new invoices apply the rate.' }) active: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}
