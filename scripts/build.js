// Bundles the CLI into one CommonJS file. One file means one read and one parse at start-up
// instead of dozens of module resolutions; CommonJS (rather than ESM) lets bin/funnel.js compile
// it through vm.Script with a V8 code cache, which skips most of the parse on later runs.
// bin/funnel.js is the only other file that knows the bundle's name.
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/funnel.cjs`;

const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  // The map is for reading a stack trace by hand; nothing loads it at run time.
  sourcemap: 'external',
  legalComments: 'external',
  logLevel: 'warning',
  write: false,
});

// A fresh folder also drops code caches made for an earlier bundle.
await rm(dirname(bundle), { recursive: true, force: true });
await mkdir(dirname(bundle), { recursive: true });

// The bundle's first line names this build's content; bin/funnel.js puts it into the code
// cache's key. The map's mappings start one line later to match.
for (const file of result.outputFiles) {
  if (file.path === bundle) {
    const digest = createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
    await writeFile(file.path, `// build ${digest}\n${file.text}`);
  } else if (file.path === `${bundle}.map`) {
    const map = JSON.parse(file.text);
    await writeFile(file.path, JSON.stringify({ ...map, mappings: `;${map.mappings}` }));
  } else {
    await writeFile(file.path, file.contents);
  }
}
