import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli } from '../support/cli.js';

const AGENCY = readFileSync(join(ROOT, 'examples/agency.yaml'), 'utf8');

/** The agency example with one more scenario appended under `scenarios:`. */
function withScenario(body: string): string {
  return `${AGENCY.trimEnd()}\n${body}\n`;
}

function lineOf(text: string, fragment: string): number {
  return text.slice(0, text.indexOf(fragment)).split('\n').length;
}

describe('a scenario that sets a list', () => {
  it('plans the funnel the scenario lists instead of the base one', () => {
    const text = withScenario(
      [
        '  short:',
        '    funnel:',
        '      - stage: attempts',
        '      - stage: meetings',
        '        conversion: 2%',
        '      - stage: deals',
        '        conversion: 20%',
      ].join('\n'),
    );

    const run = runCli(['plan', '-', '--scenario', 'short', '--json'], { input: text });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.funnel.map((stage: { stage: string }) => stage.stage)).toEqual([
      'attempts',
      'meetings',
      'deals',
    ]);
  });

  it("refuses a wrong item of the scenario's list at its own line, with exit 2", () => {
    const text = withScenario('  odd:\n    icp.require: [analytics access, {budget: yes}]\n');

    const run = runCli(['plan', '-', '--scenario', 'odd'], { input: text });

    expect(run.code).toBe(2);
    const line = lineOf(text, 'icp.require: [');
    expect(run.stderr).toContain(
      `-:${line}:37: error: icp.require.1 is a mapping of keys, and text is expected` +
        ' (from scenario "odd")',
    );
    expect(run.stderr).not.toContain('internal error');
  });
});
