import { RequestContext } from '@billing/kernel';
import { Command } from '@nestjs/cqrs';

/** API.md: `accepted` counts the new events stored, `duplicates` those already known (or repeated in the batch). */
export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/** A batch of usage events as the client sent it (the raw JSON body): the handler checks everything. */
export class IngestUsageCommand extends Command<IngestResult> {
  constructor(
    readonly body: unknown,
    readonly context: RequestContext,
  ) {
    super();
  }
}
