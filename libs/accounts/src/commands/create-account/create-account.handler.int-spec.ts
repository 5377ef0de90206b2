import { systemContext } from '@billing/kernel';
import { startTestContext } from '@billing/testing';
import { CommandBus } from '@nestjs/cqrs';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsModule } from '../../accounts.module';
import { CreateAccountCommand } from './create-account.command';

describe('CreateAccountHandler', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([AccountsModule]));
  });
  afterAll(() => close());

  const counts = async () =>
    (
      await dataSource.query(`SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM events)::int AS events,
                                     (SELECT count(*) FROM audit_log)::int AS audit`)
    )[0];

  it('writes the account, its account.created event and its audit entry together', async () => {
    const account = await app
      .get(CommandBus)
      .execute(new CreateAccountCommand({ name: 'A', email: 'a@x.test', currency: 'JPY' }, systemContext('req-1')));
    const [event] = await dataSource.query(`SELECT type, resource_id, request_id FROM events`);
    expect(event).toEqual({ type: 'account.created', resource_id: account.id, request_id: 'req-1' });
    expect(await counts()).toEqual({ accounts: 1, events: 1, audit: 1 });
  });

  it('writes nothing at all when the audit entry cannot be written', async () => {
    const before = await counts();
    await dataSource.query(`ALTER TABLE audit_log ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    try {
      await expect(
        app.get(CommandBus).execute(new CreateAccountCommand({ name: 'B', email: 'b@x.test', currency: 'USD' }, systemContext('req-2'))),
      ).rejects.toThrow(/refuse_all/);
    } finally {
      await dataSource.query(`ALTER TABLE audit_log DROP CONSTRAINT refuse_all`);
    }
    expect(await counts()).toEqual(before);
  });
});
