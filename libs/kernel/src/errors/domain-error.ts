/**
 * Errors the domain raises. Each has a stable machine `code`; the API's exception filter maps the `kind` to
 * an HTTP status, so handlers never know about HTTP (the scheduler has none).
 */
export type DomainErrorKind =
  | 'bad_request'
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  constructor(errors: FieldError[], message = 'The request has invalid fields.') {
    super('validation', 'validation_failed', message, errors);
  }
}

export class NotFound extends DomainError {
  constructor(resource: string, id: string) {
    super('not_found', 'not_found', `No ${resource} with id "${id}".`);
  }
}

export class Conflict extends DomainError {
  constructor(code: string, message: string) {
    super('conflict', code, message);
  }
}

export class InvalidState extends DomainError {
  constructor(message: string) {
    super('invalid_state', 'invalid_state', message);
  }
}
