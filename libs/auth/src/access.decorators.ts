import { Role } from '@billing/core';
import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

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

export function Access(level: AccessLevel) {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, ACCESS[level]),
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({ description: 'No or invalid credentials (problem+json, code `unauthenticated`).' }),
    ApiForbiddenResponse({ description: `The credential's role may not do this (problem+json, code \`forbidden\`).` }),
    ApiTooManyRequestsResponse({ description: 'Rate limit reached; see `Retry-After` (problem+json, code `rate_limited`).' }),
  );
}

/** Operations endpoints and signature-authenticated webhooks. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
