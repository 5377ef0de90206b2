import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyAuthenticator } from './api-keys/api-key.authenticator';
import { AuthGuard } from './auth.guard';
import { CreateApiKeyHandler } from './commands/create-api-key/create-api-key.handler';
import { RevokeApiKeyHandler } from './commands/revoke-api-key/revoke-api-key.handler';
import { JwtAuthenticator } from './jwt/jwt.authenticator';
import { ApiKeyEntity } from './persistence/api-key.entity';
import { GetApiKeyHandler } from './queries/get-api-key/get-api-key.handler';
import { ListApiKeysHandler } from './queries/list-api-keys/list-api-keys.handler';
import { rateLimitStoreProvider } from './rate-limit/rate-limit-store.provider';
import { FailedAuthentications } from './rate-limit/failed-authentications';
import { RateLimiter } from './rate-limit/rate-limiter';

@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
  providers: [
    ApiKeyAuthenticator,
    JwtAuthenticator,
    rateLimitStoreProvider,
    RateLimiter,
    FailedAuthentications,
    CreateApiKeyHandler,
    RevokeApiKeyHandler,
    GetApiKeyHandler,
    ListApiKeysHandler,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ApiKeyAuthenticator],
})
export class AuthModule {}
