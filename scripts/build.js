// Bundles the CLI into one CommonJS file. One file means one read and one parse at start-up
// instead of dozens of module resolutions; CommonJS (rather than ESM) lets bin/funnel.js compile
// it through vm.Script with a V8 code cache, which skips most of the parse on later runs.
// bin/funnel.js is the only other file that knows the bundle's name.
import { builtinModules, createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

// Builtins that a dependency requires at load time but uses only on paths a normal run never
// takes (commander spawns a child only for stand-alone subcommand executables). Loading
// child_process also loads net and dgram, a few milliseconds on every start; these stand-ins load
// the real module on first use of any of its exports.
const deferredBuiltins = ['child_process'];

const deferBuiltins = {
  name: 'defer-builtins',
  setup(build) {
    const names = deferredBuiltins.join('|');
    build.onResolve({ filter: new RegExp(`^(node:)?(${names})$`) }, (args) => {
      if (args.namespace === 'deferred-builtin') {
        return { path: `node:${args.path.replace(/^node:/, '')}`, external: true };
      }
      return { path: args.path.replace(/^node:/, ''), namespace: 'deferred-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'deferred-builtin' }, (args) => {
      const exported = Object.keys(createRequire(import.meta.url)(`node:${args.path}`));
      const getters = exported.map(
        (name) =>
          `  ${JSON.stringify(name)}: { enumerable: true, get: () => load()[${JSON.stringify(name)}] },`,
      );
      return {
        loader: 'js',
        contents: [
          'let real;',
          `const load = () => (real ??= require('node:${args.path}'));`,
          'Object.defineProperties(module.exports, {',
          ...getters,
          '});',
        ].join('\n'),
      };
    });
  },
};

// chalk asks node:tty whether stdout and stderr are terminals as it loads, and node:tty loads
// net; the CLI decides colour itself and asks only the same question. This stand-in answers it
// from the descriptor's file type (a terminal is a character device; so is /dev/null, where
// colour does no harm) and loads the real module only for its streams.
const lightTty = {
  name: 'light-tty',
  setup(build) {
    build.onResolve({ filter: /^(node:)?tty$/ }, (args) =>
      args.namespace === 'light-tty'
        ? { path: 'node:tty', external: true }
        : { path: 'tty', namespace: 'light-tty' },
    );
    build.onLoad({ filter: /.*/, namespace: 'light-tty' }, () => ({
      loader: 'js',
      contents: [
        "const { fstatSync } = require('node:fs');",
        'let real;',
        "const load = () => (real ??= require('node:tty'));",
        'module.exports = {',
        '  isatty(fd) {',
        '    try {',
        '      return fstatSync(fd).isCharacterDevice();',
        '    } catch {',
        '      return false;',
        '    }',
        '  },',
        '  get ReadStream() { return load().ReadStream; },',
        '  get WriteStream() { return load().WriteStream; },',
        '};',
      ].join('\n'),
    }));
  },
};

const manifest = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
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
  plugins: [deferBuiltins, lightTty],
  define: { FUNNEL_VERSION: JSON.stringify(manifest.version) },
  write: false,
});

// Each output is written beside its final name and renamed over it, so whatever runs during a
// build (a test, the CLI itself) finds the old bundle or the new one, whole, never none: emptying
// dist/ first left a moment in which dist/funnel.cjs was missing. The bundle goes last, after the
// map that belongs to it.
function finalText(file) {
  // The bundle's first line names this build's content; bin/funnel.js puts it into the code
  // cache's key. The map's mappings start one line later to match.
  if (file.path === bundle) {
    const digest = createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
    return `// build ${digest}\n${file.text}`;
  }
  if (file.path === `${bundle}.map`) {
    const map = JSON.parse(file.text);
    return JSON.stringify({ ...map, mappings: `;${map.mappings}` });
  }
  return file.contents;
}

await mkdir(dirname(bundle), { recursive: true });
const outputs = [...result.outputFiles].sort(
  (a, b) => Number(a.path === bundle) - Number(b.path === bundle),
);
for (const file of outputs) {
  const temp = `${file.path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, finalText(file));
    await rename(temp, file.path);
  } finally {
    await rm(temp, { force: true });
  }
}

// bin/funnel.js never serves a cache made for another bundle (the key holds the bundle's inode
// and build line), but it removes old ones only when it writes a new one; they go now, with the
// half-written outputs of a build that was killed (its process is gone; a build running beside
// this one keeps its own).
const gone = (pid) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
};
for (const name of await readdir(dirname(bundle))) {
  const writer = /\.(\d+)\.tmp$/.exec(name);
  if (name.endsWith('.v8cache') || (writer && gone(Number(writer[1])))) {
    await rm(join(dirname(bundle), name), { force: true });
  }
}
