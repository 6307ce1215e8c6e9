import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachesIn, copyPackage, repo, type InstalledCopy } from './installed-copy.js';

const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  version: string;
};

describe('funnel --version', () => {
  let copy: InstalledCopy;
  beforeAll(() => {
    copy = copyPackage();
  });
  afterAll(() => copy.remove());

  it.each([['--version'], ['-V']])(
    '%s prints the version from package.json and nothing else',
    (flag) => {
      const result = copy.run([flag]);

      expect(result).toEqual({ status: 0, stdout: `${manifest.version}\n`, stderr: '' });
    },
  );

  it('answers without loading the bundle, so it leaves no code cache behind', () => {
    copy.run(['--version']);

    expect(cachesIn(copy.dist)).toEqual([]);
    expect(cachesIn(copy.userCache)).toEqual([]);
  });
});
