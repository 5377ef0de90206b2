import { Access } from '@billing/auth';
import { DomainError, RequestContext } from '@billing/kernel';
import {
  CreateCreditNoteCommand,
  GetCreditNotePdfQuery,
  GetCreditNoteQuery,
  GetInvoicePdfQuery,
  GetInvoiceQuery,
  ListCreditNotesQuery,
  ListInvoicesQuery,
  PdfFile,
  PreviewInvoiceQuery,
  VoidInvoiceCommand,
  MarkInvoiceUncollectibleCommand,
} from '@billing/invoicing';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { pageRequest } from '../http/pagination.dto';
import { NoBodyDto } from '../http/no-body.dto';
import { Ctx } from '../http/request-context';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import { CreateCreditNoteDto, ListCreditNotesQueryDto, ListInvoicesQueryDto, PreviewInvoiceDto } from './invoice.request.dto';
import { CreditNoteResponse, InvoiceResponse } from './invoice.response.dto';

@ApiTags('Invoices')
@Controller('v1/invoices')
export class InvoicesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listInvoices', summary: 'List invoices, newest first' })
  @ApiPage(InvoiceResponse)
  @ApiProblems()
  list(@Query() query: ListInvoicesQueryDto) {
    return this.queries.execute(
      new ListInvoicesQuery(
        { accountId: query.account_id, subscriptionId: query.subscription_id, status: query.status },
        pageRequest(query),
      ),
    );
  }

  @Post('preview')
  @HttpCode(200)
  @Access('read')
  @ApiOperation({
    operationId: 'previewInvoice',
    summary: "An account's next invoice, or the invoice a subscription change would produce (not stored)",
  })
  @ApiOkResponse({ type: InvoiceResponse })
  @ApiProblems('not_found')
  preview(@Body() body: PreviewInvoiceDto) {
    if (body.subscription_id && body.change) {
      const { change } = body;
      return this.queries.execute(
        new PreviewInvoiceQuery({
          subscriptionId: body.subscription_id,
          change: {
            planId: change.plan_id,
            planCode: change.plan_code,
            quantity: change.quantity,
            timing: change.timing ?? 'immediate',
            proration: change.proration ?? 'prorate',
          },
        }),
      );
    }
    if (body.account_id) return this.queries.execute(new PreviewInvoiceQuery({ accountId: body.account_id }));
    throw new DomainError('validation', 'validation_failed', 'Give account_id, or subscription_id with change.', [
      { field: 'account_id', message: 'account_id, or subscription_id with change, is required' },
    ]);
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ operationId: 'getInvoice', summary: 'Get an invoice' })
  @ApiOkResponse({ type: InvoiceResponse })
  @ApiProblems('not_found')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetInvoiceQuery(id));
  }

  @Get(':id/pdf')
  @Access('read')
  @Header('Content-Type', 'application/pdf')
  @ApiOperation({ operationId: 'getInvoicePdf', summary: 'The invoice as a PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF document.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems('not_found')
  async pdf(@Param('id') id: string) {
    return pdfFile(await this.queries.execute(new GetInvoicePdfQuery(id)));
  }

  @Post(':id/void')
  @HttpCode(200)
  @Access('billingWrite')
  @ApiOperation({ operationId: 'voidInvoice', summary: 'Void an open invoice without payments' })
  @ApiOkResponse({ type: InvoiceResponse })
  @ApiProblems('not_found', 'conflict')
  void(@Param('id') id: string, @Body() _body: NoBodyDto, @Ctx() context: RequestContext) {
    return this.commands.execute(new VoidInvoiceCommand(id, context));
  }

  @Post(':id/mark-uncollectible')
  @HttpCode(200)
  @Access('billingWrite')
  @ApiOperation({
    operationId: 'markInvoiceUncollectible',
    summary: 'Write off an open invoice: it stops asking for payment (409 unless it is open)',
  })
  @ApiOkResponse({ type: InvoiceResponse })
  @ApiProblems('not_found', 'conflict')
  markUncollectible(@Param('id') id: string, @Body() _body: NoBodyDto, @Ctx() context: RequestContext) {
    return this.commands.execute(new MarkInvoiceUncollectibleCommand(id, context));
  }
}

@ApiTags('Credit notes')
@Controller('v1/credit-notes')
export class CreditNotesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Access('billingWrite')
  @ApiOperation({ operationId: 'createCreditNote', summary: 'Credit an invoice: lowers what is unpaid, or credits the account balance' })
  @ApiCreatedResponse({ type: CreditNoteResponse })
  @ApiProblems('conflict')
  create(@Body() body: CreateCreditNoteDto, @Ctx() context: RequestContext) {
    return this.commands.execute(
      new CreateCreditNoteCommand(
        { invoiceId: body.invoice_id, amount: body.amount, reason: body.reason, refund: body.refund ?? false },
        context,
      ),
    );
  }

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listCreditNotes', summary: 'List credit notes, newest first' })
  @ApiPage(CreditNoteResponse)
  @ApiProblems()
  list(@Query() query: ListCreditNotesQueryDto) {
    return this.queries.execute(new ListCreditNotesQuery({ invoiceId: query.invoice_id, accountId: query.account_id }, pageRequest(query)));
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ operationId: 'getCreditNote', summary: 'Get a credit note' })
  @ApiOkResponse({ type: CreditNoteResponse })
  @ApiProblems('not_found')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetCreditNoteQuery(id));
  }

  @Get(':id/pdf')
  @Access('read')
  @Header('Content-Type', 'application/pdf')
  @ApiOperation({ operationId: 'getCreditNotePdf', summary: 'The credit note as a PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF document.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems('not_found')
  async pdf(@Param('id') id: string) {
    return pdfFile(await this.queries.execute(new GetCreditNotePdfQuery(id)));
  }
}

/** A PDF that downloads under its document number (`INV-000042.pdf`). */
function pdfFile({ filename, content }: PdfFile): StreamableFile {
  return new StreamableFile(content, { type: 'application/pdf', disposition: `inline; filename="${filename}"` });
}
