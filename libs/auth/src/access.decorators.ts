import { Role } from '@billing/kernel';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiServiceUnavailableResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

export const ACCESS_KEY = 'billing:access';
export const PUBLIC_KEY = 'billing:public';

/**
 * The role matrix of API.md, one decorator per row. Every route declares one of these or @Public(); the roles
 * guard refuses a route that declares neither (fail closed).
 */
export const ACCESS = {
  /** Reads: every role. */
  read: ['super_admin', 'billing_admin', 'support_rep', 'finance_viewer'],
  /** Billing writes: catalog, subscriptions, invoices, credit notes, refunds, usage, tax rates, account creation. */
  billingWrite: ['super_admin', 'billing_admin'],
  /** Support writes: account updates, payment methods, pause/resume/cancel, payment retries. */
  supportWrite: ['super_admin', 'billing_admin', 'support_rep'],
  /** Administration: API keys, dunning policy, webhook endpoints. */
  admin: ['super_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type AccessLevel = keyof typeof ACCESS;

const count = { type: 'integer' as const, minimum: 0 };
const RATE_LIMITED_HEADERS = {
  'Retry-After': { description: 'Seconds until the credential may call again.', schema: count },
  'RateLimit-Limit': { description: 'Calls allowed per hour for this credential and route group.', schema: count },
  'RateLimit-Remaining': { description: 'Calls left in the current hour.', schema: count },
  'RateLimit-Reset': { description: 'Seconds until the current hour window ends.', schema: count },
};

export function Access(level: AccessLevel) {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, ACCESS[level]),
    ApiBearerAuth('bearer'),
    // Read by the api's OpenAPI document, which names the roles in each operation's description.
    ApiExtension('x-roles', [...ACCESS[level]]),
    ApiUnauthorizedResponse({ description: 'No or invalid credentials (problem+json, code `unauthenticated`).' }),
    ApiForbiddenResponse({ description: `The credential's role may not do this (problem+json, code \`forbidden\`).` }),
    ApiTooManyRequestsResponse({
      description:
        'Rate limit of the credential reached; see `Retry-After` (problem+json, code `rate_limited`). Every ' +
        'authenticated answer carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.',
      headers: RATE_LIMITED_HEADERS,
    }),
    ApiServiceUnavailableResponse({
      description: 'A JWT could not be checked: the key set at JWT_JWKS_URL is unreachable (problem+json, code `jwks_unavailable`).',
    }),
  );
}

/** Operations endpoints and signature-authenticated webhooks. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
