// A copy of the built package in a temporary folder, run the way a user runs it: `node` on
// bin/funnel.js in a child process. Each test gets its own copy, so caches never leak between them.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { cliEnv } from '../support/cli.js';
import { checkRunsAsNobody, NOBODY, reachableTmpdir, runsAsRoot } from '../support/nobody.js';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const CACHE_SUFFIX = '.v8cache';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface InstalledCopy {
  root: string;
  bin: string;
  bundle: string;
  dist: string;
  /** A user cache folder (XDG_CACHE_HOME) of this copy's own. */
  userCache: string;
  run(args: string[], options?: RunOptions): RunResult;
  remove(): void;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  unprivileged?: boolean;
}

export function copyPackage(): InstalledCopy {
  const bundle = join(repo, 'dist', 'funnel.cjs');
  if (!existsSync(bundle)) {
    throw new Error('dist/funnel.cjs is missing: run `npm run build` before these tests');
  }

  // Reachable by the unprivileged user of the read-only cases, wherever TMPDIR points.
  const base = mkdtempSync(join(reachableTmpdir(), 'funnel-startup-'));
  chmodSync(base, 0o755);
  const root = join(base, 'package');
  for (const entry of ['bin', 'examples', 'package.json']) {
    cpSync(join(repo, entry), join(root, entry), { recursive: true });
  }
  cpSync(bundle, join(root, 'dist', 'funnel.cjs'));
  const userCache = join(base, 'cache');

  return {
    root,
    bin: join(root, 'bin', 'funnel.js'),
    bundle: join(root, 'dist', 'funnel.cjs'),
    dist: join(root, 'dist'),
    userCache,
    run(args, options = {}) {
      const unprivileged = options.unprivileged === true && runsAsRoot;
      if (unprivileged) {
        checkRunsAsNobody(join(root, 'bin', 'funnel.js'));
      }
      const result = spawnSync(process.execPath, [join(root, 'bin', 'funnel.js'), ...args], {
        cwd: options.cwd ?? root,
        env: cliEnv({ XDG_CACHE_HOME: userCache, ...options.env }),
        encoding: 'utf8',
        ...(unprivileged ? { uid: NOBODY, gid: NOBODY } : {}),
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    remove() {
      chmodTree(base, true);
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Creates a folder that the unprivileged runs (see RunOptions) can write to. */
export function makeWritableFolder(path: string): void {
  mkdirSync(path, { recursive: true });
  if (runsAsRoot) {
    chownSync(path, NOBODY, NOBODY);
  }
}

/** The code caches in a folder, by name; an absent folder has none. */
export function cachesIn(folder: string): string[] {
  if (!existsSync(folder)) {
    return [];
  }
  return readdirSync(folder).filter((name) => name.endsWith(CACHE_SUFFIX));
}

/** Identity of a file on disk: a rewritten cache is a new file (written, then renamed over). */
export function fileIdentity(path: string): string {
  const stat = statSync(path, { bigint: true });
  return `${stat.ino}:${stat.mtimeNs}`;
}

/** chmod -R a-w (writable false) or u+w back (writable true). */
export function chmodTree(path: string, writable: boolean): void {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) {
      chmodTree(join(path, entry), writable);
    }
  }
  const mode = stat.mode & 0o777;
  chmodSync(path, writable ? mode | 0o200 : mode & ~0o222);
}
