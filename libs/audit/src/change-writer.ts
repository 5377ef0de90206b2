import { appendToOutbox } from '@billing/core';
import { Clock, DomainEvent, RequestContext } from '@billing/kernel';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, recordAudit } from './audit-writer';

/** What a command decided: its answer, the events it raised, how to save it, and what to audit. */
export interface Change<T> {
  /** What the command answers: the resource as the API shows it after the change (also the audit's `after`). */
  result: T;
  events: readonly DomainEvent[];
  /**
   * Whether the command changed anything; by default, whether it raised events. Only changes the event
   * log does not show (a credential) say so themselves.
   */
  changed?: boolean;
  /**
   * Writes the change (the aggregate and what goes with it); called only when there are events. It may
   * answer more events, of what saving set off (credit that settled other invoices).
   */
  save: () => Promise<void | readonly DomainEvent[]>;
  audit: { action: AuditAction; resourceType: string; resourceId: string; before: unknown };
}

/**
 * The one write path of commands: `decide` runs in a transaction at the clock's now and answers the change;
 * the writer saves it with its domain events (the outbox), its audit entry and, for a request with an
 * Idempotency-Key, its answer, all in that transaction. "No events, no write" is decided here: a change
 * that raised nothing (a PATCH to the values already there) saves and audits nothing. Everything is stamped
 * with the clock's `now`.
 */
@Injectable()
export class ChangeWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async run<T>(context: RequestContext, decide: (manager: EntityManager, now: Date) => Promise<Change<T>>): Promise<T> {
    let storedAnswer: string | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const change = await decide(manager, now);
      if (!(change.changed ?? change.events.length > 0)) return change.result;
      const followUps = (await change.save()) ?? [];
      await appendToOutbox(manager, [...change.events, ...followUps], context.requestId);
      storedAnswer = await recordAudit(manager, context, { ...change.audit, after: change.result, at: now });
      return change.result;
    });
    // Committed: the request's answer is stored already (the interceptor does not store it again).
    if (context.idempotency && storedAnswer !== undefined) context.idempotency.committed = storedAnswer;
    return result;
  }
}
