import { IdempotencyStore, storedAnswerJson, withoutFields } from '@billing/core';
import { Conflict, DomainError, idempotencyOwner } from '@billing/kernel';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, Observable, of, tap } from 'rxjs';
import { toProblem } from './problem';
import { AuthenticatedRequest } from './request-context';

/** A stored first answer, sent again as it was (the filter sends it, so Nest cannot restamp its status). */
export class ReplayedResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const NOT_STORED_KEY = 'billing:idempotency-not-stored';

/** Response fields never written to the idempotency store (secrets shown once): a replay answers without them. */
export const IdempotencyOmits = (...fields: string[]) => SetMetadata(NOT_STORED_KEY, fields);

/**
 * `Idempotency-Key` on every POST: the first answer (success or client error) is stored for 24 hours and
 * replayed for the same key and body; another body is 422, a request still running is 409. A successful
 * change stores its answer in its own transaction (the request carries it to the command: see
 * `recordAudit`), and here only answers that change nothing or differ from what the change stored. Server errors release the key so that
 * the retry runs again; a claim whose process died holds its key only until its lease ends.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.actor) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new DomainError('validation', 'validation_failed', 'Idempotency-Key must be 1–255 visible ASCII characters.', [
        { field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' },
      ]);
    }
    const owner = idempotencyOwner(request.actor);
    const fingerprint = IdempotencyStore.fingerprint(request.method, request.url, request.body);
    const status: number = this.reflector.get(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const omitted: string[] = this.reflector.get(NOT_STORED_KEY, context.getHandler()) ?? [];

    return from(this.store.claim(owner, key, fingerprint)).pipe(
      mergeMap((claim) => {
        switch (claim.outcome) {
          case 'replay':
            throw new ReplayedResponse(claim.status, claim.body);
          case 'in_flight':
            throw new Conflict('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed.');
          case 'reused_with_other_body':
            throw new DomainError('validation', 'idempotency_key_reused', 'This Idempotency-Key was used with a different request body.');
          case 'claimed':
            request.idempotency = { owner, key, status, omit: omitted };
            return next.handle().pipe(
              mergeMap((body) =>
                // A change stored this very answer in its transaction, which committed: one write is enough.
                request.idempotency?.committed !== undefined && request.idempotency.committed === storedAnswerJson(body, omitted)
                  ? of(body)
                  : from(this.store.complete(owner, key, { status, body: withoutFields(body, omitted) }).then(() => body)),
              ),
              catchError((error: unknown) => {
                const answer = toProblem(error);
                const settle =
                  answer.status >= 500
                    ? this.store.release(owner, key)
                    : this.store.complete(owner, key, { status: answer.status, body: answer });
                return from(settle).pipe(
                  tap(() => {
                    throw error;
                  }),
                );
              }),
            );
        }
      }),
    );
  }
}
