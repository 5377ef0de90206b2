import type { Role } from '@billing/kernel';
import type { ApiKeyEntity } from '../persistence/api-key.entity';

/** What lists and reads show of a key: never the secret nor its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

/** The one answer that carries the secret, `key`: the create. */
export interface CreatedApiKeyView {
  id: string;
  object: 'api_key';
  name: string;
  role: Role;
  prefix: string;
  key: string;
  created_at: string;
  last_used_at: string | null;
}

export interface RevokedApiKeyView extends ApiKeyView {
  revoked_at: string;
}

export function toApiKeyView(key: ApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
  };
}

export function toRevokedApiKeyView(key: ApiKeyEntity & { revokedAt: Date }): RevokedApiKeyView {
  return { ...toApiKeyView(key), revoked_at: key.revokedAt.toISOString() };
}
