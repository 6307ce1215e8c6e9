import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { ROOT, runCli } from '../support/cli.js';
import { scratchFolder } from '../support/scratch.js';

const dir = scratchFolder('workflow');

interface Step {
  name?: string;
  run?: string;
}

describe('examples/github-workflow.yml', () => {
  const workflow = parse(readFileSync(join(ROOT, 'examples/github-workflow.yml'), 'utf8'));
  const steps: Step[] = workflow.jobs.plan.steps;
  const gate = steps.find((step) => step.run?.includes('--format github'));

  it('runs the plan of assumptions.yaml with the github format and the job summary', () => {
    expect(gate?.run).toBe('npx funnel plan assumptions.yaml --format github --summary');
  });

  it('runs as written on a file from funnel init: annotations on stdout, report in the summary', () => {
    runCli(['init', 'assumptions.yaml'], { cwd: dir });
    const args = gate!.run!.replace(/^npx funnel /, '').split(' ');
    const summary = join(dir, 'summary.md');
    const run = runCli(args, { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('funnel: all 4 checks passed; warnings: 0\n');
    expect(readFileSync(summary, 'utf8')).toMatch(/^## ✅ My agency, next quarter/);
  });
});
