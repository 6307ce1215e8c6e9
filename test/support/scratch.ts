import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll } from 'vitest';

import { reachableTmpdir } from './nobody.js';

/**
 * A fresh folder for the tests of one file or one describe block, removed once they have run.
 * Call it at the top level of either, where vitest collects the hooks. With `everyone`, the
 * folder is made where every user can reach it and is open to them, for tests that run a child
 * as another user.
 */
export function scratchFolder(name: string, options: { everyone?: boolean } = {}): string {
  const base = options.everyone ? reachableTmpdir() : tmpdir();
  const dir = mkdtempSync(join(base, `funnel-${name}-`));
  if (options.everyone) {
    chmodSync(dir, 0o755);
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
