import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll } from 'vitest';

/**
 * A fresh folder for the tests of one file, removed once they have run. Call it at the top
 * level of the file, where vitest collects the hooks.
 */
export function scratchFolder(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `funnel-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
