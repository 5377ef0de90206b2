import { AccountBalances } from '@billing/accounts';
import { DomainEvent, domainEvent } from '@billing/kernel';
import { EntityManager, In } from 'typeorm';
import { toInvoiceView } from '../queries/invoice.view';
import { InvoiceEntity, InvoiceLineEntity } from './invoice.entity';

/**
 * Credit sits idle nowhere: whatever credit balance the accounts have is applied at once to their open
 * invoices, oldest first (Kill Bill's behaviour; new invoices already consume it when they are issued). An
 * invoice's `credit_applied` grows and its `amount_due` shrinks by what it receives (amount_due = total −
 * credit_applied), the balance by the same; an invoice left with nothing to pay is `paid`. Set-based: the
 * accounts lib locks the accounts with credit and spends it, one statement here allocates it to all their
 * open invoices. Answers `invoice.paid` for the invoices it settles.
 */
export async function applyCreditToOpenInvoices(manager: EntityManager, accountIds: readonly string[], now: Date): Promise<DomainEvent[]> {
  const balances = await AccountBalances.lockWithCredit(manager, accountIds);
  if (balances.length === 0) return [];
  const [applied]: [{ id: string; account_id: string; amount: string; status: string }[], number] = await manager.query(
    `WITH balances AS (
       SELECT * FROM unnest($1::text[], $2::bigint[]) AS b (account_id, credit_balance)
     ), unpaid AS (
       SELECT i.id, i.account_id, i.amount_due - i.amount_paid - i.amount_credited AS remaining,
              sum(i.amount_due - i.amount_paid - i.amount_credited)
                OVER (PARTITION BY i.account_id ORDER BY i.issued_at, i.id) AS through
         FROM invoices i JOIN balances b ON b.account_id = i.account_id
        WHERE i.status = 'open' AND i.amount_due - i.amount_paid - i.amount_credited > 0
     ), applied AS (
       SELECT u.id, u.account_id, u.remaining, least(u.remaining, b.credit_balance - (u.through - u.remaining)) AS amount
         FROM unpaid u JOIN balances b ON b.account_id = u.account_id
        WHERE b.credit_balance > u.through - u.remaining
     )
     UPDATE invoices SET credit_applied = invoices.credit_applied + applied.amount,
                         amount_due = invoices.amount_due - applied.amount,
                         status = CASE WHEN applied.amount = applied.remaining THEN 'paid' ELSE invoices.status END,
                         paid_at = CASE WHEN applied.amount = applied.remaining THEN $3::timestamptz ELSE invoices.paid_at END,
                         updated_at = $3
       FROM applied
      WHERE invoices.id = applied.id
      RETURNING invoices.id, invoices.account_id, applied.amount, invoices.status`,
    [balances.map((row) => row.accountId), balances.map((row) => row.creditBalance), now],
  );
  const spent = new Map<string, number>();
  for (const row of applied) spent.set(row.account_id, (spent.get(row.account_id) ?? 0) + Number(row.amount));
  await AccountBalances.spend(
    manager,
    [...spent].map(([accountId, amount]) => ({ accountId, amount })),
  );
  return paidEvents(
    manager,
    applied.filter((row) => row.status === 'paid').map((row) => row.id),
    now,
  );
}

async function paidEvents(manager: EntityManager, invoiceIds: string[], now: Date): Promise<DomainEvent[]> {
  if (invoiceIds.length === 0) return [];
  const [invoices, lines] = await Promise.all([
    manager.findBy(InvoiceEntity, { id: In(invoiceIds) }),
    manager.findBy(InvoiceLineEntity, { invoiceId: In(invoiceIds) }),
  ]);
  return invoices.map((invoice) =>
    domainEvent(
      'invoice.paid',
      'invoice',
      invoice.id,
      toInvoiceView(
        invoice,
        lines.filter((line) => line.invoiceId === invoice.id),
      ),
      now,
    ),
  );
}
