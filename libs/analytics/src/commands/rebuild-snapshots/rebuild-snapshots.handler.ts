import { Clock, ValidationFailed } from '@billing/kernel';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { checkRange, dateOfDay } from '../../domain/analytics-range';
import { DailySnapshotsRun } from '../../run/daily-snapshots-run';
import { RebuildResult, RebuildSnapshotsCommand } from './rebuild-snapshots.command';

@CommandHandler(RebuildSnapshotsCommand)
export class RebuildSnapshotsHandler implements ICommandHandler<RebuildSnapshotsCommand> {
  constructor(
    private readonly run: DailySnapshotsRun,
    private readonly clock: Clock,
  ) {}

  async execute({ range }: RebuildSnapshotsCommand): Promise<RebuildResult> {
    const { from, to } = checkRange(range);
    await this.clock.refresh();
    const lastEnded = dateOfDay(Math.floor(this.clock.now().getTime() / 86_400_000) - 1);
    // A day still running has no end-of-day figures yet.
    if (to > lastEnded) throw new ValidationFailed([{ field: 'to', message: `must be a day that has ended (${lastEnded} or before)` }]);
    const days = await this.run.rebuild(from, to);
    return { object: 'analytics_rebuild', from, to, days: days.length };
  }
}
