import { systemContext } from '@billing/kernel';
import { startTestContext } from '@billing/testing';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { taxTreatment } from '../../domain/taxes';
import { CreateTaxRateCommand } from '../commands/create-tax-rate/create-tax-rate.command';
import { UpdateTaxRateCommand } from '../commands/update-tax-rate/update-tax-rate.command';
import { TaxRatesModule } from '../tax-rates.module';
import { TaxRateRepository } from './tax-rate.repository';

describe('TaxRateRepository and the tax-rate commands', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let repository: TaxRateRepository;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, dataSource, close } = await startTestContext([TaxRatesModule]));
    repository = app.get(TaxRateRepository);
  });
  afterAll(() => close());

  const createRate = (input: ConstructorParameters<typeof CreateTaxRateCommand>[0], requestId = 'req') =>
    app.get(CommandBus).execute(new CreateTaxRateCommand(input, systemContext(requestId)));
  const counts = async () =>
    (
      await dataSource.query(`SELECT (SELECT count(*) FROM tax_rates)::int AS rates, (SELECT count(*) FROM events)::int AS events,
                                     (SELECT count(*) FROM audit_log)::int AS audit`)
    )[0];

  it('writes the rate, its tax_rate.created event and its audit entry together', async () => {
    const rate = await createRate({ name: 'VAT DE', percentage: '19', country: 'DE' }, 'req-1');
    const [event] = await dataSource.query(`SELECT type, resource_id, request_id FROM events`);
    expect(event).toEqual({ type: 'tax_rate.created', resource_id: rate.id, request_id: 'req-1' });
    expect(await counts()).toEqual({ rates: 1, events: 1, audit: 1 });
  });

  it('writes nothing at all when the audit entry cannot be written', async () => {
    const before = await counts();
    await dataSource.query(`ALTER TABLE audit_log ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    try {
      await expect(createRate({ name: 'VAT FR', percentage: '20', country: 'FR' })).rejects.toThrow(/refuse_all/);
    } finally {
      await dataSource.query(`ALTER TABLE audit_log DROP CONSTRAINT refuse_all`);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers the active rates, oldest first, as the tax rules take them', async () => {
    const fr = await createRate({ name: 'TVA', percentage: '20.0', country: 'FR' });
    const ca = await createRate({ name: 'CA', percentage: '7.2500', country: 'US', region: 'CA', inclusive: true });
    const old = await createRate({ name: 'Old', percentage: '8', country: 'CH' });
    await app.get(CommandBus).execute(new UpdateTaxRateCommand(old.id, { active: false }, systemContext('req')));

    const rates = await repository.activeRates(dataSource.manager);
    expect(rates.map((rate) => rate.id)).toEqual([expect.stringMatching(/^txr_/), fr.id, ca.id]);
    expect(rates[2]).toEqual({ id: ca.id, name: 'CA', percentage: '7.25', country: 'US', region: 'CA', inclusive: true });
    expect(taxTreatment({ country: 'US', region: 'ca', taxExempt: false, taxId: null }, rates, 'DE')).toEqual({
      kind: 'taxed',
      rate: rates[2],
    });
    expect(taxTreatment({ country: 'CH', region: null, taxExempt: false, taxId: null }, rates, 'DE')).toEqual({ kind: 'none' });

    const found = await repository.findRates(dataSource.manager, [old.id, fr.id, 'txr_unknown']);
    expect([...found.keys()].sort()).toEqual([old.id, fr.id].sort());
    expect(found.get(old.id)).toMatchObject({ percentage: '8.0', country: 'CH' });
  });
});
