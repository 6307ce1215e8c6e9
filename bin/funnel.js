#!/usr/bin/env node
// The `funnel` command as installed. Start-up time is most of what a short command costs, so this
// file stays CommonJS (bin/package.json), answers `--version` without loading the bundle, and
// compiles the bundle with a V8 code cache so later runs skip most of the parsing and compiling.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const BUNDLE = path.join(__dirname, '..', 'dist', 'funnel.cjs');
const CACHE_PREFIX = 'funnel-';
const CACHE_SUFFIX = '.v8cache';

// Written straight to the file descriptor: the first use of process.stdout loads Node's stream
// modules (and net, for a pipe), which costs more than the rest of this answer.
function printVersion() {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  const text = Buffer.from(`${manifest.version}\n`);
  let written = 0;
  while (written < text.length) {
    try {
      written += fs.writeSync(1, text, written);
    } catch (error) {
      // A non-blocking pipe that is full for a moment; anything else is a real failure.
      if (error.code !== 'EAGAIN') {
        throw error;
      }
    }
  }
}

// A short, stable name for a string; the inputs are a few dozen characters, so a plain FNV-1a
// is enough and avoids loading node:crypto, which alone costs several milliseconds.
function shortHash(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

// Where code caches may live, best first: beside the bundle (shared by everyone who runs this
// copy), then the user's cache folder (for a read-only or system-wide install).
function cacheFolders() {
  const folders = [path.dirname(BUNDLE)];
  const env = process.env;
  if (env.XDG_CACHE_HOME) {
    folders.push(path.join(env.XDG_CACHE_HOME, 'funnel'));
  } else if (process.platform === 'win32' && env.LOCALAPPDATA) {
    folders.push(path.join(env.LOCALAPPDATA, 'funnel', 'Cache'));
  } else if (env.HOME) {
    folders.push(path.join(env.HOME, '.cache', 'funnel'));
  }
  return folders;
}

// A cache is only valid for the exact bytes it was made from and for the V8 that made it.
// Hashing the whole bundle on every run would cost several milliseconds (most of it loading
// node:crypto), so the bundle's identity is its stat: any write to the file changes its ctime, and
// a file moved into place has another inode. The build also stamps a hash of the content it wrote
// into the first line. V8 itself checks only the source's length.
// Node version, architecture and flags are part of the key because V8 rejects a cache made
// under other flags, and two Node installs taking turns would otherwise rewrite it each run.
function cacheName(source, stat) {
  const stamp = /^\/\/ build ([0-9a-f]+)/.exec(source.slice(0, 80));
  const install = shortHash(BUNDLE);
  const state = [
    stamp ? stamp[1] : '',
    stat.dev,
    stat.ino,
    stat.size,
    stat.mtimeNs,
    stat.ctimeNs,
    process.version,
    process.arch,
    process.execArgv.join(' '),
    process.env.NODE_OPTIONS || '',
  ].join('\0');
  return `${CACHE_PREFIX}${install}-${shortHash(state)}${shortHash(`${state}\0salt`)}${CACHE_SUFFIX}`;
}

// A cache file is one line naming the commands whose code it holds, then V8's data. V8 compiles
// most functions only when first called, and a cache holds only what was compiled in the run that
// made it: one made by `funnel --help` would leave `plan` compiling its code on every run. So a
// command the cache has not seen yet gets it rewritten once, with that command's code added.
function parseCache(file) {
  const end = file.indexOf(0x0a);
  if (end === -1) {
    return undefined;
  }
  try {
    const commands = JSON.parse(file.toString('utf8', 0, end));
    return Array.isArray(commands) ? { commands, data: file.subarray(end + 1) } : undefined;
  } catch {
    return undefined;
  }
}

// The first folder whose cache holds this command's code wins; failing that, any cache is better
// than none. (A user who cannot write beside a shared install keeps a fuller cache of their own.)
function readCache(name, command) {
  let partial;
  for (const folder of cacheFolders()) {
    let cache;
    try {
      cache = parseCache(fs.readFileSync(path.join(folder, name)));
    } catch {
      // Not in this folder; try the next.
    }
    if (cache && cache.commands.includes(command)) {
      return cache;
    }
    partial = partial || cache;
  }
  return partial;
}

// Writes through a temporary file and a rename so a concurrent run never reads half a cache.
// Older caches are removed: beside the bundle, all of them (that folder holds one bundle); in the
// user's folder, only those of this install, as other installs of funnel share it.
function writeCache(name, commands, data) {
  const install = name.slice(0, CACHE_PREFIX.length + 8);
  for (const folder of cacheFolders()) {
    const stale = folder === path.dirname(BUNDLE) ? CACHE_PREFIX : install;
    const temp = path.join(folder, `.${name}.${process.pid}.tmp`);
    try {
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(temp, Buffer.concat([Buffer.from(`${JSON.stringify(commands)}\n`), data]), {
        flag: 'wx',
      });
      fs.renameSync(temp, path.join(folder, name));
    } catch {
      try {
        fs.unlinkSync(temp);
      } catch {
        // Nothing was written.
      }
      continue;
    }
    for (const entry of fs.readdirSync(folder)) {
      if (entry !== name && entry.startsWith(stale) && entry.endsWith(CACHE_SUFFIX)) {
        try {
          fs.unlinkSync(path.join(folder, entry));
        } catch {
          // Another run removed it first, or it is not ours to remove.
        }
      }
    }
    return;
  }
}

function loadBundle(argv) {
  const vm = require('node:vm');

  let fd;
  try {
    fd = fs.openSync(BUNDLE, 'r');
  } catch {
    process.stderr.write(`funnel: ${BUNDLE} is missing; run \`npm run build\` in the package.\n`);
    process.exit(2);
  }
  const stat = fs.fstatSync(fd, { bigint: true });
  const source = fs.readFileSync(fd, 'utf8');
  fs.closeSync(fd);

  // FUNNEL_CODE_CACHE=0 turns the cache off, to measure or rule it out.
  const caching = process.env.FUNNEL_CODE_CACHE !== '0';
  const name = cacheName(source, stat);
  const command = argv.find((arg) => !arg.startsWith('-')) || '';
  const cache = caching ? readCache(name, command) : undefined;
  const cachedData = cache && cache.data;

  // The same wrapper Node gives a CommonJS file, so the bundle runs here exactly as it would
  // through require().
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    {
      filename: BUNDLE,
      cachedData,
      importModuleDynamically: vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    },
  );

  const accepted = cache !== undefined && !script.cachedDataRejected;
  if (caching && !(accepted && cache.commands.includes(command))) {
    const commands = accepted ? [...cache.commands, command] : [command];
    // Made at exit rather than now, so it also holds the functions this command compiled.
    process.once('exit', () => {
      try {
        writeCache(name, commands, script.createCachedData());
      } catch {
        // The cache is an optimisation; without it the next run is only slower.
      }
    });
  }

  // Everything but Node's builtins is inside the bundle, and this file's require resolves those
  // the same way; a require made for the bundle's own path would cost time and change nothing.
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, BUNDLE, path.dirname(BUNDLE));
  return module.exports;
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  printVersion();
} else {
  loadBundle(argv).run(argv);
}
