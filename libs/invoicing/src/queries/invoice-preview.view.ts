import type { InvoiceLineView, InvoiceView } from './invoice.view';

/** An invoice as it would be issued: no id, no number and no line ids yet. */
export type InvoicePreview = Omit<InvoiceView, 'id' | 'number' | 'lines'> & {
  id: null;
  number: null;
  lines: (Omit<InvoiceLineView, 'id'> & { id: null })[];
};

/** What the API documents as one shape: an issued invoice or a preview (`id`, `number` and line ids null). */
export type InvoiceOrPreviewView = Omit<InvoiceView, 'id' | 'number' | 'lines'> & {
  id: string | null;
  number: string | null;
  lines: InvoiceOrPreviewLineView[];
};

export type InvoiceOrPreviewLineView = Omit<InvoiceLineView, 'id'> & { id: string | null };
