import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
/** Where our own client keeps the types generated from the document (committed; see packages/client/README.md). */
export const CLIENT_SCHEMA = resolve(ROOT, 'packages/client/src/schema.d.ts');

export interface Run {
  ok: boolean;
  output: string;
}

/** Runs a tool of node_modules/.bin (or node itself), collecting its output; never throws. */
export function run(command: string, args: string[], options: { cwd?: string; input?: string } = {}): Promise<Run> {
  const executable = command === 'node' ? process.execPath : resolve(ROOT, 'node_modules/.bin', command);
  return new Promise((done) => {
    const child = spawn(executable, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => done({ ok: false, output: `${output}${error.message}` }));
    child.on('close', (code) => done({ ok: code === 0, output }));
    child.stdin.end(options.input ?? '');
  });
}

/** openapi-typescript with its default options: the generator of our own client's types. */
export const generateOpenApiTypescript = (document: string, output: string) => run('openapi-typescript', [document, '-o', output]);
