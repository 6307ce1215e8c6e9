import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT } from '../support/cli.js';

function bench(samples: number) {
  return spawnSync(process.execPath, [join(ROOT, 'bench', 'simulate.js'), String(samples), '1'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('bench/simulate.js', () => {
  it('runs without a build and holds simulate to the hand-written loop on all 25 figures', () => {
    const run = bench(200_000);
    expect(run.stdout).toContain('both sides agree within 1% on the median of all 25 figures');
    expect(run.status).toBe(0);
  }, 60_000);

  it('exits 1 and names the figures when the medians differ, as they do at 10 samples', () => {
    const run = bench(10);
    expect(run.stdout).toMatch(/the sides DISAGREE on: .*funnel\.attempts\.count/);
    expect(run.stdout).toContain('roles.account_manager.load');
    expect(run.status).toBe(1);
  }, 60_000);
});
