// Writes schema/assumptions.schema.json from the zod schema (never edit that file by hand).
// With --check it writes nothing and fails when the committed file differs.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  external: ['commander'],
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  nodePaths: [join(root, 'node_modules')],
});

let text;
try {
  const module = await import(pathToFileURL(bundle).href);
  text = module.assumptionsJsonSchemaText();
} finally {
  rmSync(bundle, { force: true });
}

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== text) {
    console.error('schema/assumptions.schema.json is stale: run npm run schema');
    process.exit(1);
  }
} else {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, target);
}
