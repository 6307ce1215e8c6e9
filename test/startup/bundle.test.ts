import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const BUNDLE = fileURLToPath(new URL('../../dist/funnel.cjs', import.meta.url));

/** The files the bundle was made from, as its source map lists them. */
function bundledSources(): string[] {
  const map = JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8')) as { sources: string[] };
  return map.sources;
}

describe('the bundle', () => {
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
