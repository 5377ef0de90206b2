import { AppConfig, APP_CONFIG, ConfigError } from '@billing/core';
import { Actor, DomainError } from '@billing/kernel';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { passportJwtSecret } from 'jwks-rsa';
import { createPublicKey } from 'node:crypto';
import { Strategy, VerifiedCallback } from 'passport-jwt';
import { unauthenticated } from '../auth.errors';
import { actorFromClaims } from './jwt-claims';

const JWKS_CACHE_MS = 10 * 60 * 1000;

/** Why passport-jwt refused a token; `isEndpointUnavailable` is jwks-rsa's mark of an unreachable key set. */
type Refusal = { name?: string; message?: string; isEndpointUnavailable?: boolean } | undefined;

/**
 * Verifies RS256 JWTs with passport-jwt against JWT_PUBLIC_KEY or the key set at JWT_JWKS_URL. Only RS256 is
 * accepted, so unsigned (`alg: none`) and HS256 tokens (including HS256 "signed" with the public key as the
 * secret) are refused. Without either variable every JWT is refused.
 */
@Injectable()
export class JwtAuthenticator {
  private readonly logger = new Logger('JwtAuthenticator');
  private readonly strategy: Strategy | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.strategy = this.createStrategy(config);
  }

  /** The token's actor; throws `unauthenticated` for any refused token. */
  authenticate(token: string): Promise<Actor> {
    const strategy = this.strategy;
    if (!strategy) {
      return Promise.reject(unauthenticated('JWTs are not accepted: no JWT_PUBLIC_KEY or JWT_JWKS_URL is configured.'));
    }
    return new Promise((resolve, reject) => {
      // How passport itself runs a strategy: an object per attempt whose success/fail/error settle it.
      const attempt: Strategy = Object.create(strategy);
      attempt.success = (actor: Actor) => resolve(actor);
      attempt.fail = ((refusal: Refusal) => reject(this.toError(refusal))) as Strategy['fail'];
      attempt.error = (error: Error) => reject(error);
      attempt.authenticate({ token } as never);
    });
  }

  private toError(refusal: Refusal): DomainError {
    if (refusal?.isEndpointUnavailable) {
      this.logger.warn(`JWT key set unavailable: ${refusal.message}`);
      return new DomainError('unavailable', 'jwks_unavailable', 'The JWT signing keys cannot be fetched right now; try again.');
    }
    if (refusal?.name === 'TokenExpiredError') return unauthenticated('The JWT has expired.');
    if (refusal?.name === 'ClaimsRefused' && refusal.message) return unauthenticated(refusal.message);
    // Which check failed (signature, algorithm, issuer, audience) helps an attacker more than a client.
    this.logger.debug(`JWT refused: ${refusal?.message ?? 'unknown reason'}`);
    return unauthenticated('The JWT is not valid.');
  }

  private createStrategy(config: AppConfig): Strategy | null {
    const options = {
      jwtFromRequest: (request: { token: string }) => request.token,
      algorithms: ['RS256' as const],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    };
    if (config.jwtPublicKey) {
      if (config.jwtJwksUrl) this.logger.warn('JWT_PUBLIC_KEY and JWT_JWKS_URL are both set; JWTs are verified with JWT_PUBLIC_KEY.');
      return new Strategy({ ...options, secretOrKey: rsaPublicKeyPem(config.jwtPublicKey) }, verifyClaims);
    }
    if (config.jwtJwksUrl) {
      const secretOrKeyProvider = passportJwtSecret({
        jwksUri: config.jwtJwksUrl,
        cache: true,
        cacheMaxAge: JWKS_CACHE_MS,
        // Tokens with unknown `kid`s make the key set be fetched again: at most 10 times a minute.
        rateLimit: true,
        jwksRequestsPerMinute: 10,
        timeout: 5000,
      });
      return new Strategy({ ...options, secretOrKeyProvider }, verifyClaims);
    }
    return null;
  }
}

function verifyClaims(claims: Record<string, unknown>, done: VerifiedCallback) {
  const actor = actorFromClaims(claims);
  if ('refused' in actor) return done(null, false, { name: 'ClaimsRefused', message: actor.refused });
  return done(null, actor);
}

/** Reads the key once at start, so that a key that cannot verify RS256 stops the start naming the variable. */
function rsaPublicKeyPem(pem: string): string {
  let key;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new ConfigError('JWT_PUBLIC_KEY', 'is not a readable PEM public key');
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ConfigError('JWT_PUBLIC_KEY', `must be an RSA key for RS256, got ${key.asymmetricKeyType ?? 'another type'}`);
  }
  return key.export({ type: 'spki', format: 'pem' }).toString();
}
