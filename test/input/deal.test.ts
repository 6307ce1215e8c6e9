import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { type DealFlags, loadDeals } from '../../src/input/deal.js';
import { InputError, type InputProblem } from '../../src/model/problem.js';
import { makeAssumptions } from '../support/assumptions.js';
import { AGENCY_ICP } from '../support/deal.js';
import { scratchFolder } from '../support/scratch.js';
import { lines } from '../support/text.js';

const dir = scratchFolder('input-deal');
const assumptions = makeAssumptions({ icp: AGENCY_ICP });

/** YAML text from its lines. */
/** The problems of a deal from a file written with `text` (none: flags alone). */
async function refusal(name: string | null, text: string, flags: DealFlags = {}) {
  const file = name === null ? undefined : join(dir, name);
  if (file !== undefined) {
    writeFileSync(file, text);
  }
  try {
    await loadDeals(file, flags, assumptions);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error('expected the deal to be refused');
}

/** The problems of a deal file, each as file:line:col, key path and code. */
async function problemsOf(name: string, text: string, flags: DealFlags = {}) {
  return (await refusal(name, text, flags)).map((found: InputProblem) => ({
    at: `${name}:${found.line}:${found.col}`,
    path: found.path,
    code: found.code,
  }));
}

describe('where loadDeals places a problem of a deal file', () => {
  it('points an unknown key at the key, not at its value', async () => {
    const text = lines('name: Acme', 'chek: 150000', 'hours: 48', 'months: 6');

    expect(await problemsOf('key.yaml', text)).toEqual([
      { at: 'key.yaml:2:1', path: 'chek', code: 'unknown_key' },
    ]);
  });

  it('lists the problems of a deal file by line, not in the order they are checked', async () => {
    const text = lines('chek: 150000', 'hours: [48]', 'months: 6');

    expect(await problemsOf('order.yaml', text)).toEqual([
      { at: 'order.yaml:1:1', path: 'chek', code: 'unknown_key' },
      { at: 'order.yaml:2:8', path: 'hours', code: 'wrong_type' },
    ]);
  });

  it('points a check missing from the second deal of a list at that deal', async () => {
    const text = lines(
      '- name: A',
      '  check: 150000',
      '  hours: 48',
      '  months: 6',
      '- name: B',
      '  hours: 48',
      '  months: 6',
    );

    expect(await problemsOf('list.yaml', text)).toEqual([
      { at: 'list.yaml:5:3', path: '1.check', code: 'missing_key' },
    ]);
  });

  it('points an unknown red flag and role at their items in the file', async () => {
    const text = lines(
      'check: 220000',
      'hours: 48',
      'months: 6',
      'flags:',
      '  - no CRM',
      '  - no CMR',
      'roles: [acount manager]',
    );

    expect(await problemsOf('names.yaml', text)).toEqual([
      { at: 'names.yaml:6:5', path: 'flags.1', code: 'unknown_name' },
      { at: 'names.yaml:7:9', path: 'roles.0', code: 'unknown_name' },
    ]);
  });

  it('gives a name that a flag added no line', async () => {
    const text = lines('check: 220000', 'hours: 48', 'months: 6', 'flags: [no CRM]');

    expect(await problemsOf('flag.yaml', text, { flag: ['no CMR'] })).toEqual([
      { at: 'flag.yaml:null:null', path: null, code: 'unknown_name' },
    ]);
  });
});

describe('what loadDeals says of a deal figure', () => {
  it('says a check given as a list is not the number expected, at its line and column', async () => {
    const [found] = await refusal(
      'list-check.yaml',
      lines('check: [150k]', 'hours: 48', 'months: 6'),
    );

    expect(found).toMatchObject({
      code: 'wrong_type',
      line: 1,
      col: 8,
      path: 'check',
      message: 'check is a list, and a number is expected',
      hint: 'write e.g. check: 150000',
    });
  });

  it('names the flag that gave a check of 0', async () => {
    const problems = await refusal(null, '', { check: '0', hours: '48', months: '6' });

    expect(problems.map((found) => found.message)).toEqual(['--check must be above zero']);
  });

  it('takes 0 hours, and refuses a term of 0 months', async () => {
    const text = lines('check: 150000', 'hours: 0', 'months: 0');

    expect((await refusal('zero.yaml', text)).map((found) => found.message)).toEqual([
      'months must be above zero',
    ]);
  });
});
