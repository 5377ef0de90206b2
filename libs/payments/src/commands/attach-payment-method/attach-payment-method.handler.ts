import { BillingProfiles } from '@billing/accounts';
import { UnpaidInvoices } from '@billing/invoicing';
import { ChangeWriter } from '@billing/audit';
import { newId, NotFound } from '@billing/kernel';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { PaymentCollector } from '../../charging/payment-collector';
import { idempotencyKeys } from '../../domain/idempotency-keys';
import type { PaymentProvider } from '../../domain/payment-provider';
import { PaymentMethods } from '../../persistence/payment-methods';
import { PAYMENT_PROVIDER } from '../../payment-provider.token';
import { PaymentMethodView, toPaymentMethodView } from '../../queries/payment-method.view';
import { AttachPaymentMethodCommand } from './attach-payment-method.command';

/**
 * Attaches a provider token to the account's customer at the provider (created, and kept, on the first
 * method), then records the method; the account's first method is its default whatever `default` says, as
 * an account with methods always has one to charge. The provider calls come first and carry keys derived
 * from the account and the token, so a retried request attaches nothing twice. A new default method is
 * tried at once on the account's unpaid invoices (as Stripe does), outside dunning's schedule.
 */
@CommandHandler(AttachPaymentMethodCommand)
export class AttachPaymentMethodHandler implements ICommandHandler<AttachPaymentMethodCommand> {
  private readonly logger = new Logger('AttachPaymentMethod');

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ChangeWriter,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly collector: PaymentCollector,
  ) {}

  async execute({ input, context }: AttachPaymentMethodCommand): Promise<PaymentMethodView> {
    const account = await BillingProfiles.find(this.dataSource.manager, input.accountId);
    if (!account) throw new NotFound('account', input.accountId);
    const customerId =
      (await PaymentMethods.customerOf(this.dataSource.manager, account.id, this.provider.name)) ??
      (
        await this.provider.createCustomer(
          { accountId: account.id, email: account.email, name: account.name },
          idempotencyKeys.customer(account.id),
        )
      ).customerId;
    const details = await this.provider.attachPaymentMethod(
      customerId,
      input.providerToken,
      idempotencyKeys.paymentMethodAttach(account.id, input.providerToken),
    );
    const method = await this.writer.run(context, async (manager, now) => {
      await BillingProfiles.lockMany(manager, [account.id]);
      const isDefault = input.isDefault || !(await PaymentMethods.hasDefault(manager, account.id));
      const id = newId('pm');
      const provisional = { id, accountId: account.id, provider: this.provider.name, details, isDefault };
      return {
        result: toPaymentMethodView({
          ...provisional,
          providerPaymentMethodId: details.id,
          brand: details.brand,
          last4: details.last4,
          expMonth: details.expMonth,
          expYear: details.expYear,
          createdAt: now,
        }),
        events: [],
        changed: true,
        save: async () => {
          await PaymentMethods.saveCustomer(manager, account.id, this.provider.name, customerId, now);
          await PaymentMethods.add(manager, provisional, now);
        },
        audit: { action: 'create', resourceType: 'payment_method', resourceId: id, before: null },
      };
    });
    // The method is attached whatever the charges bring; a fault while charging is left to reconciliation.
    if (method.default)
      await this.collectUnpaid(account.id).catch((error: Error) => this.logger.error(`collecting ${account.id}: ${error.message}`));
    return method;
  }

  private async collectUnpaid(accountId: string): Promise<void> {
    const unpaid = await UnpaidInvoices.ofAccounts(this.dataSource.manager, [accountId]);
    if (unpaid.length === 0) return;
    await this.collector.open(unpaid);
    await this.collector.charge({ invoiceIds: unpaid.map((invoice) => invoice.invoiceId) });
  }
}
