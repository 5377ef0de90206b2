import { Access } from '@billing/auth';
import { InvoiceView } from '@billing/invoicing';
import { RequestContext } from '@billing/kernel';
import {
  AttachPaymentMethodCommand,
  DetachPaymentMethodCommand,
  GetPaymentQuery,
  ListPaymentMethodsQuery,
  ListPaymentsQuery,
  PayInvoiceCommand,
  RefundPaymentCommand,
} from '@billing/payments';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvoiceResponse } from '../invoices/invoice.response.dto';
import { pageRequest } from '../http/pagination.dto';
import { Ctx } from '../http/request-context';
import { ApiPage, ApiProblems } from '../openapi/schemas';
import { AttachPaymentMethodDto, ListPaymentsQueryDto, PayInvoiceDto, RefundPaymentDto } from './payment.request.dto';
import { PaymentMethodListResponse, PaymentMethodResponse, PaymentResponse } from './payment.response.dto';

@ApiTags('Payments')
@Controller('v1/payments')
export class PaymentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listPayments', summary: 'List payments, newest first' })
  @ApiPage(PaymentResponse)
  @ApiProblems()
  list(@Query() query: ListPaymentsQueryDto) {
    return this.queries.execute(
      new ListPaymentsQuery({ invoiceId: query.invoice_id, accountId: query.account_id, status: query.status }, pageRequest(query)),
    );
  }

  @Get(':id')
  @Access('read')
  @ApiOperation({ operationId: 'getPayment', summary: 'Get a payment' })
  @ApiOkResponse({ type: PaymentResponse })
  @ApiProblems('not_found')
  get(@Param('id') id: string) {
    return this.queries.execute(new GetPaymentQuery(id));
  }

  @Post(':id/refund')
  @HttpCode(200)
  @Access('billingWrite')
  @ApiOperation({ operationId: 'refundPayment', summary: 'Refund a succeeded payment, in full or in part, through its provider' })
  @ApiOkResponse({ type: PaymentResponse })
  @ApiProblems('not_found', 'conflict')
  refund(@Param('id') id: string, @Body() body: RefundPaymentDto, @Ctx() context: RequestContext) {
    return this.commands.execute(new RefundPaymentCommand(id, body.amount, context));
  }
}

@ApiTags('Invoices')
@Controller('v1/invoices')
export class InvoicePaymentsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/pay')
  @HttpCode(200)
  @Access('supportWrite')
  @ApiOperation({
    operationId: 'payInvoice',
    summary: "Attempt payment now with the account's default method, or record a payment made out of band",
  })
  @ApiOkResponse({ type: InvoiceResponse })
  @ApiProblems('not_found', 'conflict')
  pay(@Param('id') id: string, @Body() body: PayInvoiceDto, @Ctx() context: RequestContext): Promise<InvoiceView> {
    return this.commands.execute(new PayInvoiceCommand(id, body.paid_out_of_band ?? false, context));
  }
}

@ApiTags('Accounts')
@Controller('v1/accounts/:accountId/payment-methods')
export class PaymentMethodsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Access('supportWrite')
  @ApiOperation({ operationId: 'attachPaymentMethod', summary: 'Attach a payment method through the configured provider' })
  @ApiCreatedResponse({ type: PaymentMethodResponse })
  @ApiProblems('not_found')
  attach(@Param('accountId') accountId: string, @Body() body: AttachPaymentMethodDto, @Ctx() context: RequestContext) {
    return this.commands.execute(
      new AttachPaymentMethodCommand({ accountId, providerToken: body.provider_token, isDefault: body.default ?? false }, context),
    );
  }

  @Get()
  @Access('read')
  @ApiOperation({ operationId: 'listPaymentMethods', summary: "The account's payment methods, newest first" })
  @ApiOkResponse({ type: PaymentMethodListResponse })
  @ApiProblems('not_found')
  list(@Param('accountId') accountId: string) {
    return this.queries.execute(new ListPaymentMethodsQuery(accountId));
  }

  @Delete(':paymentMethodId')
  @Access('supportWrite')
  @ApiOperation({ operationId: 'detachPaymentMethod', summary: 'Detach a payment method: it is no longer charged' })
  @ApiOkResponse({ type: PaymentMethodResponse })
  @ApiProblems('not_found')
  detach(@Param('accountId') accountId: string, @Param('paymentMethodId') paymentMethodId: string, @Ctx() context: RequestContext) {
    return this.commands.execute(new DetachPaymentMethodCommand(accountId, paymentMethodId, context));
  }
}
