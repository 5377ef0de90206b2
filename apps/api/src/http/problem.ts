import { isDatabaseUnavailable } from '@billing/core';
import { DomainError, DomainErrorKind, FieldError } from '@billing/kernel';
import { HttpException } from '@nestjs/common';

/** RFC 9457 problem details, the body of every error answer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  bad_request: 400,
  validation: 422,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  503: 'unavailable',
};

/**
 * Retry-After of every 503: a stalled or failing-over database, or a key server, is usually back within
 * seconds, and the api's own database timeouts give up after about as long again.
 */
export const RETRY_UNAVAILABLE_AFTER_SECONDS = 5;

export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `urn:billing:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value && 'type' in value;
}

/** Maps anything thrown while serving a request to the problem the client sees; unknown errors are 500s. */
export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    return problem(STATUS_OF_KIND[error.kind], error.code, error.message, error.errors);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    if (isProblem(response)) return response;
    const detail = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    return problem(status, CODE_OF_STATUS[status] ?? 'error', String(detail));
  }
  if (isDatabaseUnavailable(error)) {
    return problem(503, 'database_unavailable', 'The database did not answer in time; retry in a few seconds.');
  }
  return problem(500, 'internal_error', 'Something went wrong on our side; the request changed nothing that we know of.');
}
