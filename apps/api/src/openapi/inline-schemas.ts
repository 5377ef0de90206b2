import { OpenAPIObject, OperationObject, RequestBodyObject, ResponseObject } from '@nestjs/swagger';

/**
 * Names for the schemas written inline in decorators (terminus' health result, Stripe's event, the usage batch),
 * by operation id: without one, generators name the type after the operation (`Liveness200`, `IngestUsageBody`).
 */
const NAMES: Record<string, { body?: string; responses?: Record<string, string> }> = {
  liveness: { responses: { '200': 'HealthStatus' } },
  readiness: { responses: { '200': 'HealthStatus' } },
  receiveStripeWebhook: { body: 'StripeEvent', responses: { '200': 'StripeEventReceipt' } },
  ingestUsage: { body: 'UsageBatch' },
};

/** Moves the inline schemas named above to `components.schemas`, leaving a `$ref` in their place. */
export function nameInlineSchemas(document: OpenAPIObject): void {
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = schemas;
  const hoist = (content: ResponseObject['content'] | undefined, name: string) => {
    for (const media of Object.values(content ?? {})) {
      if (!media.schema || '$ref' in media.schema) continue;
      schemas[name] = media.schema;
      media.schema = { $ref: `#/components/schemas/${name}` };
    }
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as OperationObject[]) {
      const names = NAMES[operation.operationId ?? ''];
      if (!names) continue;
      if (names.body) hoist((operation.requestBody as RequestBodyObject | undefined)?.content, names.body);
      for (const [status, name] of Object.entries(names.responses ?? {}))
        hoist((operation.responses[status] as ResponseObject | undefined)?.content, name);
    }
  }
}
