// Writes schema/assumptions.schema.json from the zod schema (never edit that file by hand).
// test/cli/schema.test.ts fails when the committed file differs from what this would write.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = join(root, 'schema', 'assumptions.schema.json');

const bundle = join(tmpdir(), `funnel-schema-${process.pid}.mjs`);
await build({
  entryPoints: [join(root, 'src/cli/schema.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});

let text;
try {
  const module = await import(pathToFileURL(bundle).href);
  text = module.assumptionsJsonSchemaText();
} finally {
  rmSync(bundle, { force: true });
}

mkdirSync(dirname(target), { recursive: true });
const temporary = `${target}.${process.pid}.tmp`;
writeFileSync(temporary, text);
renameSync(temporary, target);
