import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const BUNDLE = fileURLToPath(new URL('../../dist/funnel.cjs', import.meta.url));

describe('the bundle', () => {
  it("leaves out zod's message translations, which `import { z }` would pull in", () => {
    const source = readFileSync(BUNDLE, 'utf8');
    expect(source).not.toContain('node_modules/zod/v4/locales/he');
    expect(source).not.toMatch(/קלט לא תקין/);
    expect(statSync(BUNDLE).size).toBeLessThan(600 * 1024);
  });
});
