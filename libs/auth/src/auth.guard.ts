import { Actor, DomainError, Role } from '@billing/kernel';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_KEY, PUBLIC_KEY } from './access.decorators';
import { ApiKeyAuthenticator } from './api-keys/api-key.authenticator';
import { forbidden, RateLimited, unauthenticated } from './auth.errors';
import { isJwt } from './jwt/jwt-shape';
import { JwtAuthenticator } from './jwt/jwt.authenticator';
import { rateLimitHeaders, RateLimitVerdict } from './rate-limit/rate-limit-window';
import { RATE_LIMIT_BUCKET_KEY, RateLimitBucket } from './rate-limit/rate-limit.decorator';
import { FailedAuthentications } from './rate-limit/failed-authentications';
import { RateLimiter } from './rate-limit/rate-limiter';

/**
 * The one guard that decides, in this order: authenticate the bearer credential (a JWT when it has three
 * dot-separated parts, else an API key), check the route's declared roles, then count the call against the
 * credential's hourly limit. Refused credentials (401) and roles (403) are not counted; a 403 still shows
 * the credential's rate-limit headers. A route that declares no access level is refused, so forgetting the
 * decorator can never open a route. Failed authentications are throttled per client address.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly jwts: JwtAuthenticator,
    private readonly rateLimiter: RateLimiter,
    private readonly failures: FailedAuthentications,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<readonly Role[]>(ACCESS_KEY, targets);
    if (!allowed) throw forbidden('This route declares no access level.');

    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { actor?: Actor }>();
    const reply = http.getResponse<FastifyReply>();
    this.failures.assertAllowed(request.ip);
    const actor = await this.authenticate(request.headers.authorization).catch(async (error: unknown) => {
      if (error instanceof DomainError && error.kind === 'unauthenticated') await this.failures.record(request.ip);
      throw error;
    });
    request.actor = actor;
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket>(RATE_LIMIT_BUCKET_KEY, targets) ?? 'api';
    if (!allowed.includes(actor.role)) {
      labelWithRateLimit(reply, await this.rateLimiter.peek(actor, bucket));
      throw forbidden(`The role ${actor.role} may not do this.`);
    }
    const verdict = await this.rateLimiter.consume(actor, bucket);
    labelWithRateLimit(reply, verdict);
    if (verdict && !verdict.allowed) throw new RateLimited(verdict.resetSeconds);
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) throw unauthenticated('Send a credential as `Authorization: Bearer <API key or JWT>`.');
    const credential = match[1];
    if (isJwt(credential)) return this.jwts.authenticate(credential);
    const actor = await this.apiKeys.authenticate(credential);
    if (!actor) throw unauthenticated('The credential is not valid.');
    return actor;
  }
}

/** Set on the reply before the handler runs, so that every answer (success, error or the 429) carries them. */
function labelWithRateLimit(reply: FastifyReply, verdict: RateLimitVerdict | null) {
  if (verdict) void reply.headers(rateLimitHeaders(verdict));
}
