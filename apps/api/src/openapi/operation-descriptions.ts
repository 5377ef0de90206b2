import { OpenAPIObject, OperationObject, ParameterObject } from '@nestjs/swagger';

/** Set by `@Access` (libs/auth): the roles that may call an operation. */
export const ROLES_EXTENSION = 'x-roles';

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the same key and body within 24 h replays the first answer (`Idempotent-Replayed: true`); ' +
    'the same key with another body is 422 `idempotency_key_reused`, and while the first request runs, 409 `idempotency_key_in_use`.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\x21-\x7e]+$' },
};

/**
 * Completes each operation's description with who may call it (from `x-roles`) and, on every `POST` of `/v1`,
 * declares the `Idempotency-Key` header the idempotency interceptor honours.
 */
export function describeOperations(document: OpenAPIObject): void {
  document.components = { ...document.components, parameters: { ...document.components?.parameters, IdempotencyKey: IDEMPOTENCY_KEY } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OperationObject & { [ROLES_EXTENSION]?: string[] }][]) {
      const roles = operation[ROLES_EXTENSION];
      const who = roles ? `Roles: ${roles.map((role) => `\`${role}\``).join(', ')}.` : undefined;
      operation.description = [operation.description, who].filter(Boolean).join('\n\n') || undefined;
      if (method === 'post' && path.startsWith('/v1/'))
        operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
    }
  }
}
