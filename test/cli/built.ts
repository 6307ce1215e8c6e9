import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT } from '../support/cli.js';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * When the bundle was last written, or 0 without one. The bundle itself: the CLI writes its
 * code cache into dist/ as it runs, so the newest file there says nothing of the build.
 */
function builtAt(): number {
  return statSync(join(ROOT, 'dist', 'funnel.cjs'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

/**
 * Builds the CLI when the bundle is older than src/ (npm test builds first; a lone
 * `vitest run test/cli` may not have). A lock directory keeps test files that start
 * together from building at once.
 */
export function ensureBuilt(): void {
  if (builtAt() >= newestSource(join(ROOT, 'src'))) {
    return;
  }
  const lock = join(tmpdir(), `funnel-build-lock-${createHash('sha1').update(ROOT).digest('hex')}`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (held > 120_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error('waited a minute for another test file to build the CLI');
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (builtAt() < newestSource(join(ROOT, 'src'))) {
      const result = spawnSync(process.execPath, ['scripts/build.js'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      if (result.status !== 0) {
        throw new Error(`the build failed:\n${result.stderr}`);
      }
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
