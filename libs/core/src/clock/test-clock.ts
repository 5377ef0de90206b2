import { Clock } from '@billing/kernel';
import { DataSource } from 'typeorm';

export class TestClock extends Clock {
  private current = new Date();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Loads the stored instant, storing the wall time on first use. */
  async refresh(): Promise<void> {
    const rows: { now: Date }[] = await this.dataSource.query(
      `INSERT INTO test_clock (id, now) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET id = 1 RETURNING now`,
    );
    this.current = rows[0].now;
  }

  /** Moves the clock forward; answers false (and changes nothing) for an instant before the current one. */
  async moveTo(instant: Date): Promise<boolean> {
    // TypeORM answers an UPDATE with [returned rows, affected count].
    const [rows]: [{ now: Date }[], number] = await this.dataSource.query(
      `UPDATE test_clock SET now = $1 WHERE id = 1 AND now <= $1 RETURNING now`,
      [instant],
    );
    if (rows.length === 0) return false;
    this.current = rows[0].now;
    return true;
  }
}
