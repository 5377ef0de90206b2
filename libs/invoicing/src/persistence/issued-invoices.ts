import { EntityManager } from 'typeorm';

/** How many invoices the deployment has issued: the gapless counter's value (invoices_generated_total). */
export async function issuedInvoiceCount(manager: EntityManager): Promise<number> {
  const [row]: { value: string }[] = await manager.query(`SELECT value FROM document_counters WHERE name = 'invoice'`);
  return Number(row?.value ?? 0);
}
