import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { starterAssumptions } from '../../src/cli/init-templates.js';
import { loadAssumptions } from '../../src/input/assumptions.js';
import { runCli } from '../support/cli.js';
import { scratchFolder } from '../support/scratch.js';

const dir = scratchFolder('init');

describe('funnel init', () => {
  it.each(['en', 'ru'] as const)(
    'writes a %s starter file that funnel plan accepts as it is',
    (lang) => {
      const file = join(dir, `starter-${lang}.yaml`);
      const init = runCli(['init', file, '--lang', lang]);
      expect(init.code).toBe(0);
      expect(init.stdout).toBe('');

      const plan = runCli(['plan', file, '--json']);
      expect([0, 1]).toContain(plan.code);
      expect(plan.stderr).toBe('');
      expect(JSON.parse(plan.stdout).new_clients).toBeCloseTo(25, 10);
    },
  );

  it('comments the Russian file in Russian and keeps the keys in English', () => {
    const text = starterAssumptions('ru');
    expect(text).toContain('# отток: доля клиентов, уходящих за месяц');
    expect(text).toMatch(/^churn_monthly: 8%/m);
    expect(text).not.toMatch(/^#.*\bshare of active clients\b/m);
  });

  it.each(['en', 'ru'] as const)('loads the %s template without a single problem', (lang) => {
    const loaded = loadAssumptions(starterAssumptions(lang), 'assumptions.yaml');
    expect(loaded.assumptions.revenueTarget).toBe(18_000_000);
    expect(loaded.assumptions.delivery.roles).toHaveLength(2);
  });

  it('writes assumptions.yaml in the current directory when no file is named', () => {
    const here = mkdtempSync(join(dir, 'default-'));
    expect(runCli(['init'], { cwd: here }).code).toBe(0);
    expect(readFileSync(join(here, 'assumptions.yaml'), 'utf8')).toBe(starterAssumptions('en'));
  });

  it('refuses to replace an existing file: exit 2, a clear message, the file untouched', () => {
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'revenue_target: 1M\n');
    const run = runCli(['init', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('already exists');
    expect(run.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('revenue_target: 1M\n');
  });

  it('replaces the file with --force', () => {
    const file = join(dir, 'forced.yaml');
    writeFileSync(file, 'old\n');
    expect(runCli(['init', file, '--force']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(starterAssumptions('en'));
  });

  it('leaves no temporary file behind, whether it wrote or refused', () => {
    const here = mkdtempSync(join(dir, 'clean-'));
    runCli(['init', 'a.yaml'], { cwd: here });
    runCli(['init', 'a.yaml'], { cwd: here });
    expect(readdirSync(here)).toEqual(['a.yaml']);
  });

  it('writes to standard output with -, and that text plans too', () => {
    const run = runCli(['init', '-', '--lang', 'ru']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(starterAssumptions('ru'));
    expect(existsSync(join(process.cwd(), '-'))).toBe(false);
    expect([0, 1]).toContain(runCli(['plan', '-'], { input: run.stdout }).code);
  });

  it('exits 2 when the directory does not exist, and says so', () => {
    const run = runCli(['init', join(dir, 'no', 'such', 'dir', 'a.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('its directory does not exist');
  });

  it('says to create the missing folder first, and creates none itself', () => {
    const folder = join(dir, 'plans');
    const run = runCli(['init', join(folder, 'q1.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `  create the folder ${folder} first, or name a file in a folder that exists\n`,
    );
    expect(existsSync(folder)).toBe(false);
  });

  it('runs every example of its help in an empty folder, and each exits 0', () => {
    const examples = runCli(['init', '--help'])
      .stdout.split('\n')
      .filter((line) => line.startsWith('  $ funnel init'))
      .map((line) => (line.replace('  $ funnel ', '').split(' > ')[0] ?? '').split(' '));
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const args of examples) {
      const here = mkdtempSync(join(dir, 'example-'));
      const run = runCli(args, { cwd: here });
      expect({ args, code: run.code, stderr: run.stderr }).toMatchObject({ args, code: 0 });
    }
  });
});
