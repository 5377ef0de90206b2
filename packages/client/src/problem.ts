import type { components } from './schema';

export type Problem = components['schemas']['Problem'];

/** An error answer of the API (RFC 9457 problem+json), thrown by {@link unwrap}; `code` is stable. */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(
    readonly problem: Problem,
    readonly response: Response,
  ) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.code = problem.code;
  }
}

/**
 * The data of an openapi-fetch result, or a {@link ProblemError} for an error answer: one line where a caller
 * does not handle errors there (`const account = await unwrap(billing.POST('/v1/accounts', { body }))`).
 */
export async function unwrap<T>(result: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await result;
  if (response.ok) return data as T;
  throw new ProblemError(asProblem(error, response), response);
}

/** The problem of an error answer; one of our own when the body is not one (a proxy's HTML page, an empty 502). */
function asProblem(error: unknown, response: Response): Problem {
  if (typeof error === 'object' && error !== null && 'code' in error && 'status' in error) return error as Problem;
  return {
    type: 'about:blank',
    title: response.statusText,
    status: response.status,
    detail: typeof error === 'string' && error ? error : `HTTP ${response.status}`,
    code: `http_${response.status}`,
  };
}
