import { AccountBalances, AccountView, CreateAccountCommand, OpenAccountInput } from '@billing/accounts';
import { CreateMetricCommand, CreatePlanCommand, CreatePlanInput, DefineMetricInput, MetricView, PlanView } from '@billing/catalog';
import { TestClock } from '@billing/core';
import { Clock, systemContext } from '@billing/kernel';
import { ChangeSubscriptionCommand, CreateSubscriptionCommand, CreateSubscriptionInput, SubscriptionView } from '@billing/subscriptions';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';

export interface Customer {
  accountId: string;
  subscriptionId: string;
}

/**
 * Accounts, plans, metrics and subscriptions for integration tests, made through the owning libs' commands on
 * the command bus (so every row is what the api would write), at the instants of the test clock. Needs a test
 * context (`startTestContext`) whose modules handle those commands (the invoicing module imports them all).
 */
export class BillingFixtures {
  private sequence = 0;

  constructor(private readonly app: INestApplicationContext) {}

  private get bus(): CommandBus {
    return this.app.get(CommandBus);
  }

  private get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  private context() {
    return systemContext(`fixture-${++this.sequence}`);
  }

  /** The test clock's current instant. */
  now(): Date {
    return this.app.get(Clock).now();
  }

  /** Moves the test clock forward to `instant` (the clock never moves back: an earlier instant fails the test). */
  async moveClockTo(instant: Date | string): Promise<Date> {
    const target = new Date(instant);
    const clock = this.app.get(Clock);
    if (!(clock instanceof TestClock)) throw new Error('BillingFixtures needs the test clock (startTestContext sets BILLING_CLOCK=test)');
    if (!(await clock.moveTo(target))) throw new Error(`the test clock is past ${target.toISOString()} already`);
    return target;
  }

  /** A plan with a recurring price in USD (2500 a month unless told otherwise). */
  plan(input: Partial<CreatePlanInput> & Pick<CreatePlanInput, 'code'>): Promise<PlanView> {
    return this.bus.execute(
      new CreatePlanCommand(
        { name: `Plan ${input.code}`, interval: 'month', prices: [{ currency: 'USD', amount: 2500 }], ...input },
        this.context(),
      ),
    );
  }

  metric(input: DefineMetricInput): Promise<MetricView> {
    return this.bus.execute(new CreateMetricCommand(input, this.context()));
  }

  /** An account in USD, UTC, unless told otherwise. */
  account(input: Partial<OpenAccountInput> = {}): Promise<AccountView> {
    const n = ++this.sequence;
    return this.bus.execute(
      new CreateAccountCommand({ name: `Customer ${n}`, email: `c${n}@fixtures.test`, currency: 'USD', ...input }, this.context()),
    );
  }

  /** A subscription starting now (the test clock) unless `startAt` says otherwise. */
  subscribe(accountId: string, planCode: string, input: Partial<CreateSubscriptionInput> = {}): Promise<SubscriptionView> {
    return this.bus.execute(new CreateSubscriptionCommand({ accountId, planCode, quantity: 1, ...input }, this.context()));
  }

  /** Changes the subscription's quantity now, prorated (a billing instant of its own). */
  changeQuantity(subscriptionId: string, quantity: number): Promise<SubscriptionView> {
    return this.bus.execute(
      new ChangeSubscriptionCommand(subscriptionId, { quantity, timing: 'immediate', proration: 'prorate' }, this.context()),
    );
  }

  /** `count` accounts with one subscription each to `planCode`, starting now. */
  async customers(count: number, planCode: string, account: Partial<OpenAccountInput> = {}): Promise<Customer[]> {
    const customers: Customer[] = [];
    for (let index = 0; index < count; index++) {
      const { id: accountId } = await this.account(account);
      const { id: subscriptionId } = await this.subscribe(accountId, planCode);
      customers.push({ accountId, subscriptionId });
    }
    return customers;
  }

  /** Credit on the account's balance (what a void or a credit note leaves), through the accounts lib. */
  grantCredit(accountId: string, amount: number): Promise<void> {
    return this.dataSource.transaction((manager) => AccountBalances.credit(manager, accountId, amount));
  }

  /**
   * Makes every insert into `table` whose `column` equals `value` fail with `message` (a trigger), to see a
   * failure stay with its subject; answers the function that removes it.
   */
  async failInserts(table: string, column: string, value: string, message: string): Promise<() => Promise<void>> {
    const name = `fail_${table}_${++this.sequence}`;
    const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
    await this.dataSource.query(`
      CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.${column} = ${quote(value)} THEN RAISE EXCEPTION ${quote(message)}; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}();`);
    return async () => {
      await this.dataSource.query(`DROP TRIGGER ${name} ON ${table}; DROP FUNCTION ${name}();`);
    };
  }
}
