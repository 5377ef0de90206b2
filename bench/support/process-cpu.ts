import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU ticks (user + system) a process has used, from /proc; 0 once it is gone. */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** The postmaster of a PostgreSQL data directory and its children (backends, walwriter, checkpointer, …). */
export function postgresPids(dataDir: string): number[] {
  try {
    const master = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .filter((pid) => parentOf(pid) === master);
    return [master, ...children];
  } catch {
    return [];
  }
}

function machineTicks(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const numbers = values.map(Number);
  const total = numbers.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busy: total - numbers[3] - numbers[4], total };
}

export interface CpuUse {
  /** % of one core used by each group's processes. */
  groups: Record<string, number>;
  /** % of one core used by this process. */
  self: number;
  /** % of one core the whole machine was busy (up to cores × 100). */
  machineBusy: number;
}

/**
 * CPU used by process groups between construction and stop(), as % of one core. Sampled every 200 ms, so
 * that a process which exits during the run (a pooled backend closed when idle) keeps what it used.
 */
export class CpuSampler {
  private readonly start = performance.now();
  private readonly self = process.cpuUsage();
  private readonly machine = machineTicks();
  /** Ticks of each pid when first seen (0 for one that started during the run) and when last seen. */
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private readonly groupOf = new Map<number, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly groups: { name: string; pids: () => number[] }[]) {
    this.sample(true);
    this.timer = setInterval(() => this.sample(false), 200);
  }

  private sample(initial: boolean) {
    for (const group of this.groups) {
      for (const pid of group.pids()) {
        const ticks = processTicks(pid);
        if (!this.first.has(pid)) {
          this.first.set(pid, initial ? ticks : 0);
          this.groupOf.set(pid, group.name);
        }
        if (ticks > 0) this.last.set(pid, ticks);
      }
    }
  }

  stop(): CpuUse {
    this.sample(false);
    clearInterval(this.timer);
    const seconds = (performance.now() - this.start) / 1000;
    const groups: Record<string, number> = Object.fromEntries(this.groups.map((group) => [group.name, 0]));
    for (const [pid, first] of this.first) groups[this.groupOf.get(pid) as string] += Math.max(0, (this.last.get(pid) ?? first) - first);
    for (const name of Object.keys(groups)) groups[name] = Math.round((groups[name] / CLOCK_TICKS / seconds) * 100);
    const self = process.cpuUsage(this.self);
    const machine = machineTicks();
    const machineBusy = Math.round(((machine.busy - this.machine.busy) / (machine.total - this.machine.total)) * cpus().length * 100);
    return { groups, self: Math.round(((self.user + self.system) / 1e6 / seconds) * 100), machineBusy };
  }
}
