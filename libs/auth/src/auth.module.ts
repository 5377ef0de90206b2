import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyAuthenticator } from './api-keys/api-key.authenticator';
import { AuthGuard } from './auth.guard';

@Module({
  providers: [ApiKeyAuthenticator, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ApiKeyAuthenticator],
})
export class AuthModule {}
