import { Actor, DomainError, Role } from '@billing/core';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ACCESS_KEY, PUBLIC_KEY } from './access.decorators';
import { ApiKeyAuthenticator } from './api-keys/api-key.authenticator';

/**
 * Authenticates the bearer credential and checks the route's declared roles. A route that declares no
 * access level is refused, so forgetting the decorator can never open a route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<readonly Role[]>(ACCESS_KEY, targets);
    if (!allowed) throw new DomainError('forbidden', 'forbidden', 'This route declares no access level.');

    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const actor = await this.authenticate(request.headers.authorization);
    request.actor = actor;
    if (!allowed.includes(actor.role)) {
      throw new DomainError('forbidden', 'forbidden', `The role ${actor.role} may not do this.`);
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) throw unauthenticated('Send a credential as `Authorization: Bearer <API key or JWT>`.');
    const actor = await this.apiKeys.authenticate(match[1]);
    if (!actor) throw unauthenticated('The credential is not valid.');
    return actor;
  }
}

export function unauthenticated(message: string): DomainError {
  return new DomainError('unauthenticated', 'unauthenticated', message);
}
