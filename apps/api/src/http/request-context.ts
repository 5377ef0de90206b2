import { Actor, IdempotentAnswer, RequestContext } from '@billing/kernel';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** What the auth guard attaches to an authenticated request. */
export interface AuthenticatedRequest extends FastifyRequest {
  actor?: Actor;
  /** Set by the idempotency interceptor for a keyed request that runs. */
  idempotency?: IdempotentAnswer;
}

/** The caller and request id that commands carry into the audit log. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('Ctx used on a route without authentication');
  return { actor: request.actor, requestId: request.id, ...(request.idempotency ? { idempotency: request.idempotency } : {}) };
});
