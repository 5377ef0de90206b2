import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportOpenApiDocument } from '../export-openapi';
import { CLIENT_SCHEMA, generateOpenApiTypescript } from './tools';

/** `npm run sdk:generate`: regenerates packages/client's types from the document, after a change of the API. */
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-generate-'));
  try {
    const document = join(dir, 'openapi.json');
    writeFileSync(document, JSON.stringify(await exportOpenApiDocument()));
    const generated = await generateOpenApiTypescript(document, CLIENT_SCHEMA);
    if (!generated.ok) throw new Error(generated.output);
    process.stdout.write(`wrote ${CLIENT_SCHEMA}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`sdk:generate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
