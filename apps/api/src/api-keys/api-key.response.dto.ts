import { ApiKeyView, CreatedApiKeyView, RevokedApiKeyView } from '@billing/auth';
import { Role, ROLES } from '@billing/kernel';
import { ApiProperty } from '@nestjs/swagger';

/** A key as lists and reads show it: never the secret. */
export class ApiKeyResponse implements ApiKeyView {
  @ApiProperty({ example: 'key_0Kx3m9AbCd01q2w3e4r5t6' }) id: string;
  @ApiProperty({ example: 'CRM sync' }) name: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'billing_admin' }) role: Role;
  @ApiProperty({ example: 'bk_q2w3e4r', description: 'The first characters of the secret, to recognise the key.' })
  prefix: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Updated at most once a minute.' })
  last_used_at: string | null;
}

export class CreatedApiKeyResponse implements CreatedApiKeyView {
  @ApiProperty({ example: 'key_0Kx3m9AbCd01q2w3e4r5t6' }) id: string;
  @ApiProperty({ enum: ['api_key'] }) object: 'api_key';
  @ApiProperty({ example: 'CRM sync' }) name: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'billing_admin' }) role: Role;
  @ApiProperty({ example: 'bk_q2w3e4r' }) prefix: string;
  @ApiProperty({
    example: 'bk_q2w3e4r5t6y7u8i9o0p1a2s3d4f5g6h7j8k9l0zx',
    description: 'The secret, to send as `Authorization: Bearer <key>`. Shown only in this answer; only its hash is stored.',
  })
  key: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_used_at: string | null;
}

export class RevokedApiKeyResponse extends ApiKeyResponse implements RevokedApiKeyView {
  @ApiProperty({ format: 'date-time', description: 'From this instant the key is refused (401).' }) revoked_at: string;
}
