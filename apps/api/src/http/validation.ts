import { FieldError, ValidationFailed } from '@billing/core';
import { ValidationError, ValidationPipe } from '@nestjs/common';

/** DTO validation whose failures are 422 `validation_failed` naming each field (nested as `address.city`). */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: withoutField(message, error.property) }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function withoutField(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
