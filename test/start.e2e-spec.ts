import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

describe('Process start', () => {
  it.each([
    ['the api', 'apps/api/src/main.ts'],
    ['the scheduler', 'apps/scheduler/src/main.ts'],
    ['npm start', 'scripts/start.ts'],
  ])('%s exits with a message naming a bad variable, before touching anything', (_name, entry) => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', resolve(__dirname, '..', entry)], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: 'postgres://127.0.0.1:1/none' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration: PORT must be a whole number');
  });
});
