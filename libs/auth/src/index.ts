export * from './access.decorators';
export * from './api-keys/api-key-secret';
export * from './api-keys/api-key.authenticator';
export * from './auth.guard';
export * from './auth.module';
