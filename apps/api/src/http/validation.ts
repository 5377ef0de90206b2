import { FieldError, ValidationFailed } from '@billing/kernel';
import { ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * DTO validation whose failures are 422 `validation_failed` naming each field: nested as `address.city`, array
 * items as `charges[0].prices[1].currency` (the spelling of API.md's `events[3].metric_code`).
 */
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
    // class-validator names the items of a validated array by their index.
    const field = !parent ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: withoutField(message, error.property) }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function withoutField(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
