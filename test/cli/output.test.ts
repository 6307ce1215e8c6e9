import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { decideColor, formatProblem } from '../../src/cli/output.js';
import { problem } from '../../src/model/problem.js';
import { BIN, cliEnv, ROOT } from '../support/cli.js';

describe('decideColor: the flag, then NO_COLOR, FORCE_COLOR, TERM=dumb, then the terminal', () => {
  it.each([
    ['a terminal with nothing set', undefined, {}, true, true],
    ['a pipe with nothing set', undefined, {}, false, false],
    ['NO_COLOR=1 on a terminal', undefined, { NO_COLOR: '1' }, true, false],
    ['an empty NO_COLOR, which the convention ignores', undefined, { NO_COLOR: '' }, true, true],
    ['FORCE_COLOR=1 into a pipe', undefined, { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 on a terminal', undefined, { FORCE_COLOR: '0' }, true, false],
    [
      'NO_COLOR and FORCE_COLOR together: NO_COLOR wins',
      undefined,
      { NO_COLOR: '1', FORCE_COLOR: '1' },
      true,
      false,
    ],
    ['TERM=dumb on a terminal', undefined, { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR=1 with TERM=dumb', undefined, { FORCE_COLOR: '1', TERM: 'dumb' }, true, true],
    ['--no-color under FORCE_COLOR=1', false, { FORCE_COLOR: '1' }, true, false],
    ['--color under NO_COLOR into a pipe', true, { NO_COLOR: '1' }, false, true],
  ] as const)('%s', (_name, flag, env, isTTY, expected) => {
    expect(decideColor({ flag, env: env as NodeJS.ProcessEnv, isTTY })).toBe(expected);
  });
});

describe('formatProblem', () => {
  it('writes file:line:col, the message, the key path and the hint on the next line', () => {
    const found = problem({
      code: 'bad_number',
      file: 'plan.yaml',
      line: 3,
      col: 15,
      path: 'gross_margin',
      message: 'gross_margin: "x" is not a number',
      hint: 'write a share such as 45% or 0.45',
    });
    expect(formatProblem(found)).toBe(
      'plan.yaml:3:15: error: gross_margin: "x" is not a number (key: gross_margin)\n' +
        '  write a share such as 45% or 0.45',
    );
  });

  it('leaves out the place when a problem has none', () => {
    expect(
      formatProblem(problem({ code: 'bad_override', message: '--set x: expected KEY=VALUE' })),
    ).toBe('error: --set x: expected KEY=VALUE');
  });
});

/** Runs the built CLI with stdout on /dev/full, where every write fails with ENOSPC. */
function runIntoFullDisk(args: string[]) {
  const full = openSync('/dev/full', 'w');
  try {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      stdio: ['ignore', full, 'pipe'],
      encoding: 'utf8',
      env: cliEnv({ FUNNEL_CODE_CACHE: '0' }),
    });
    return { code: result.status, stderr: result.stderr };
  } finally {
    closeSync(full);
  }
}

describe.skipIf(!existsSync('/dev/full'))('a result that cannot be written to stdout', () => {
  it('exits 2 after a plan whose checks all pass, which would exit 0', () => {
    const run = runIntoFullDisk(['plan', 'examples/agency.yaml']);
    expect(run.stderr).toContain('funnel: cannot write the output');
    expect(run.code).toBe(2);
  });

  it('exits 2 after a rejected deal, which would exit 1', () => {
    const run = runIntoFullDisk([
      'check-deal',
      'examples/deals/reject.yaml',
      '-a',
      'examples/agency.yaml',
      '--json',
    ]);
    expect(run.stderr).toContain('funnel: cannot write the output');
    expect(run.code).toBe(2);
  });
});
