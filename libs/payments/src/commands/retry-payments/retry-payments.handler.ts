import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PaymentCollector } from '../../charging/payment-collector';
import { ChargePaymentsCommand, OpenPaymentRetriesCommand } from './retry-payments.command';

@CommandHandler(OpenPaymentRetriesCommand)
export class OpenPaymentRetriesHandler implements ICommandHandler<OpenPaymentRetriesCommand> {
  constructor(private readonly collector: PaymentCollector) {}

  execute({ invoices, manager }: OpenPaymentRetriesCommand): Promise<string[]> {
    return this.collector.openIn(manager, invoices);
  }
}

@CommandHandler(ChargePaymentsCommand)
export class ChargePaymentsHandler implements ICommandHandler<ChargePaymentsCommand> {
  constructor(private readonly collector: PaymentCollector) {}

  async execute({ paymentIds }: ChargePaymentsCommand): Promise<void> {
    if (paymentIds.length > 0) await this.collector.charge({ ids: paymentIds });
  }
}
