import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachesIn, copyPackage, fileIdentity, type InstalledCopy } from './installed-copy.js';

const plan = ['plan', 'examples/agency.yaml'];

// A stand-in bundle that prints a word; two words of the same length give two bundles of the same
// size, which V8 alone cannot tell apart (it checks a cache against the source length only).
function bundlePrinting(word: string): string {
  return `exports.run = async () => { process.stdout.write(${JSON.stringify(`${word}\n`)}); };\n`;
}

describe('the code cache', () => {
  let copy: InstalledCopy;
  beforeEach(() => {
    copy = copyPackage();
  });
  afterEach(() => copy.remove());

  it('is written beside the bundle by the first run and kept, unchanged, by the next', () => {
    const first = copy.run(plan);
    const caches = cachesIn(copy.dist);
    expect(first.status).toBe(0);
    expect(caches).toHaveLength(1);

    const cache = join(copy.dist, caches[0] ?? '');
    const written = fileIdentity(cache);
    const second = copy.run(plan);

    // A missing or rejected cache is rewritten (a new file renamed into place), so an untouched
    // file means the second run accepted it.
    expect(second).toEqual(first);
    expect(cachesIn(copy.dist)).toEqual(caches);
    expect(fileIdentity(cache)).toBe(written);
  });

  it('gives the same output, exit code and stderr as a run with the cache turned off', () => {
    copy.run(plan);
    const cached = copy.run(plan);

    const uncached = copy.run(plan, { env: { FUNNEL_CODE_CACHE: '0' } });

    expect(cached).toEqual(uncached);
  });

  it('is neither read nor written when FUNNEL_CODE_CACHE is 0', () => {
    const result = copy.run(plan, { env: { FUNNEL_CODE_CACHE: '0' } });

    expect(result.status).toBe(0);
    expect(cachesIn(copy.dist)).toEqual([]);
    expect(cachesIn(copy.userCache)).toEqual([]);
  });

  it.each([
    ['is not a cache file at all', 'not a V8 code cache'],
    ['names the command but holds data V8 rejects', '["plan"]\nnot a V8 code cache'],
  ])('is replaced when it %s, and the run still succeeds', (_case, content) => {
    const expected = copy.run(plan);
    const cache = join(copy.dist, cachesIn(copy.dist)[0] ?? '');
    writeFileSync(cache, content);

    const result = copy.run(plan);

    expect(result).toEqual(expected);
    expect(readFileSync(cache).length).toBeGreaterThan(1000);
  });

  it('is rewritten once for a command it has not seen, then kept for both commands', () => {
    copy.run(plan);
    const cache = join(copy.dist, cachesIn(copy.dist)[0] ?? '');
    const afterPlan = fileIdentity(cache);

    copy.run(['--help']);
    const afterHelp = fileIdentity(cache);
    copy.run(plan);
    copy.run(['--help']);

    expect(afterHelp).not.toBe(afterPlan);
    expect(fileIdentity(cache)).toBe(afterHelp);
    expect(cachesIn(copy.dist)).toHaveLength(1);
  });

  it('never serves an earlier build after the bundle is edited in place to the same size', () => {
    writeFileSync(copy.bundle, bundlePrinting('first'));
    expect(copy.run([]).stdout).toBe('first\n');
    expect(copy.run([]).stdout).toBe('first\n');

    writeFileSync(copy.bundle, bundlePrinting('other'));

    expect(copy.run([]).stdout).toBe('other\n');
    expect(copy.run([]).stdout).toBe('other\n');
  });

  it('never serves an earlier build after a new bundle is moved into place', () => {
    copy.run(plan);
    const replacement = `${copy.bundle}.new`;
    writeFileSync(replacement, bundlePrinting('replaced'));

    renameSync(replacement, copy.bundle);

    expect(copy.run(plan)).toEqual({ status: 0, stdout: 'replaced\n', stderr: '' });
  });

  it('keeps one cache per bundle: the cache of a replaced build is removed', () => {
    copy.run(plan);
    writeFileSync(copy.bundle, bundlePrinting('rebuilt'));

    copy.run(plan);

    expect(cachesIn(copy.dist)).toHaveLength(1);
  });
});
