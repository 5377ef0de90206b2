import { AuditModule } from '@billing/audit';
import { Module } from '@nestjs/common';
import { UpdateDunningPolicyHandler } from './commands/update-dunning-policy/update-dunning-policy.handler';
import { GetDunningPolicyHandler } from './queries/get-dunning-policy/get-dunning-policy.handler';
import { DunningRecovery } from './run/dunning-recovery';
import { DunningRun } from './run/dunning-run';
import { FollowUnpaidInvoicesSaga } from './sagas/follow-unpaid-invoices.saga';

/** Dunning: the policy, the scheduler's evaluation (retries, overdue, steps) and the recovery when invoices are settled. */
@Module({
  imports: [AuditModule],
  providers: [UpdateDunningPolicyHandler, GetDunningPolicyHandler, DunningRun, DunningRecovery, FollowUnpaidInvoicesSaga],
  exports: [DunningRun, FollowUnpaidInvoicesSaga],
})
export class DunningModule {}
