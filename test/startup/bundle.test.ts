import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const BUNDLE = fileURLToPath(new URL('../../dist/funnel.cjs', import.meta.url));
const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** The most recently written file under a folder, and when. */
function newestFile(dir: string): { path: string; mtimeMs: number } {
  let newest = { path: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const found = entry.isDirectory()
      ? newestFile(path)
      : { path, mtimeMs: statSync(path).mtimeMs };
    newest = found.mtimeMs > newest.mtimeMs ? found : newest;
  }
  return newest;
}

/** The files the bundle was made from, as its source map lists them. */
function bundledSources(): string[] {
  const map = JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8')) as { sources: string[] };
  return map.sources;
}

describe('the bundle', () => {
  // The global setup (vitest.config.ts) builds a stale bundle before any test file starts.
  it('is built after the last change to src/, so the CLI tests run the code as it is', () => {
    const source = newestFile(SRC);
    expect(statSync(BUNDLE).mtimeMs, `${source.path} is newer`).toBeGreaterThanOrEqual(
      source.mtimeMs,
    );
  });

  it("leaves out zod's message translations, which `import { z }` would pull in", () => {
    const source = readFileSync(BUNDLE, 'utf8');
    expect(bundledSources().filter((file) => file.includes('zod/v4/locales/'))).toEqual([
      expect.stringMatching(/zod\/v4\/locales\/en\.js$/),
    ]);
    expect(source).not.toMatch(/קלט לא תקין/);
    expect(statSync(BUNDLE).size).toBeLessThan(600 * 1024);
  });

  it('holds no table or colour library beyond chalk: tables are drawn by src/render/table.ts', () => {
    const packages = new Set(
      bundledSources()
        .map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1])
        .filter((name) => name !== undefined),
    );
    expect([...packages].sort()).toEqual(['chalk', 'commander', 'yaml', 'zod']);
  });
});
