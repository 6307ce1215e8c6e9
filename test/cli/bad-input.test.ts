import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

import { BIN, cliEnv, ROOT, runCliAsync, type CliRun } from '../support/cli.js';
import { scratchFolder } from '../support/scratch.js';

const BAD = 'test/fixtures/bad';

/** Runs many CLI calls two at a time: each costs a process start. */
async function runAll(calls: string[][]): Promise<CliRun[]> {
  const results: CliRun[] = new Array(calls.length);
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const index = next;
      next += 1;
      results[index] = await runCliAsync(calls[index] as string[]);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return results;
}

interface BadFile {
  file: string;
  /** Every stderr line, with `@` for the file's path. */
  stderr: string[];
  /** The `--json` errors as [code, line, col, path]. */
  errors: [string, number | null, number | null, string | null][];
}

/** The corpus: one small file per way a file can be wrong, and exactly what the user is told. */
const CORPUS: BadFile[] = [
  {
    file: 'alias-bomb.yaml',
    stderr: [
      '@:24:9: error: the file expands to more than 100000 values (aliases repeated too often?)',
      '  write the assumptions out plainly, without deep nesting or repeated aliases',
    ],
    errors: [['too_complex', 24, 9, null]],
  },
  {
    file: 'bad-indent.yaml',
    stderr: [
      '@:14:4: error: the indentation does not line up with the lines above',
      '  indent nested keys by the same number of spaces as their siblings',
    ],
    errors: [['bad_indent', 14, 4, null]],
  },
  {
    file: 'deep-nesting.yaml',
    stderr: [
      '@:19:71: error: the file nests deeper than 64 levels',
      '  write the assumptions out plainly, without deep nesting or repeated aliases',
    ],
    errors: [['too_complex', 19, 71, null]],
  },
  {
    file: 'duplicate-key-number-and-string.yaml',
    stderr: [
      '@:22:5: error: the key "1" appears twice in the same mapping',
      '  keep one of the two; the file must say each thing once',
    ],
    errors: [['duplicate_key', 22, 5, null]],
  },
  {
    file: 'duplicate-key.yaml',
    stderr: [
      '@:5:1: error: the key "contract_months" appears twice in the same mapping',
      '  keep one of the two; the file must say each thing once',
    ],
    errors: [['duplicate_key', 5, 1, null]],
  },
  {
    file: 'empty-value.yaml',
    stderr: [
      '@:2:15: error: average_check is an empty value, and a number is expected (key: average_check)',
      '  write a value, e.g. average_check: 180 000',
    ],
    errors: [['empty_value', 2, 15, 'average_check']],
  },
  {
    file: 'many-problems.yaml',
    stderr: [
      '@:2:1: error: unknown key "averageCheck" (key: averageCheck)',
      '  did you mean "average_check"?',
      '@:9:17: error: a 0% conversion into "meetings" means it never happens, and the stage before would need to be infinite (key: funnel.1.conversion)',
      '  write the real conversion, e.g. 2%',
      '@:13:9: error: sales.reps: "five" is not a number (key: sales.reps)',
      '  write a whole number such as 5',
      '@:17:16: error: delivery.hourly_cost must be above zero: the hours budget divides by it (key: delivery.hourly_cost)',
      '  write a number above zero, e.g. hourly_cost: 2 000',
      '4 problems found; nothing was computed.',
    ],
    errors: [
      ['unknown_key', 2, 1, 'averageCheck'],
      ['division_by_zero', 9, 17, 'funnel.1.conversion'],
      ['bad_number', 13, 9, 'sales.reps'],
      ['must_be_positive', 17, 16, 'delivery.hourly_cost'],
    ],
  },
  {
    file: 'mapping-for-number.yaml',
    stderr: [
      '@:13:9: error: sales.reps is a mapping of keys, and a number is expected (key: sales.reps)',
      '  write e.g. reps: 5',
    ],
    errors: [['wrong_type', 13, 9, 'sales.reps']],
  },
  {
    file: 'merge-key-not-a-mapping.yaml',
    stderr: [
      '@:13:7: error: a merge key << must name a mapping, e.g. <<: *defaults (key: sales)',
      '  point << at an anchored mapping (&defaults), or write the keys out',
    ],
    errors: [['bad_merge', 13, 7, 'sales']],
  },
  {
    file: 'mismatched-bracket.yaml',
    stderr: [
      '@:6:9: error: the list opened here with [ is closed with } at line 6, column 95',
      '  close it with ]',
    ],
    errors: [['unclosed_bracket', 6, 9, null]],
  },
  {
    file: 'missing-key.yaml',
    stderr: [
      '@: error: contract_months is missing (key: contract_months)',
      '  add it, e.g. contract_months: 4',
    ],
    errors: [['missing_key', null, null, 'contract_months']],
  },
  {
    file: 'money-beyond-2-53.yaml',
    stderr: [
      '@:1:17: error: revenue_target: the value 9007199254740993 is beyond 2^53 (about 9 quadrillion) and cannot be kept exact (key: revenue_target)',
      '  check the number of digits',
    ],
    errors: [['bad_number', 1, 17, 'revenue_target']],
  },
  {
    file: 'money-hex.yaml',
    stderr: [
      '@:2:16: error: average_check: "0x2BF20" is written in hexadecimal, octal or binary (key: average_check)',
      '  write the number in plain decimal digits',
    ],
    errors: [['bad_number', 2, 16, 'average_check']],
  },
  {
    file: 'money-inf.yaml',
    stderr: [
      '@:2:16: error: average_check: ".inf" is not a finite number (key: average_check)',
      '  write a plain number such as 180000 or 45%',
    ],
    errors: [['bad_number', 2, 16, 'average_check']],
  },
  {
    file: 'money-leading-zero.yaml',
    stderr: [
      '@:2:16: error: average_check: "0180000" has a leading zero, which some tools read as octal (key: average_check)',
      '  write 180000',
    ],
    errors: [['bad_number', 2, 16, 'average_check']],
  },
  {
    file: 'money-negative.yaml',
    stderr: [
      '@:2:16: error: average_check: the value -180 000 is negative (key: average_check)',
      '  write zero or a positive number',
    ],
    errors: [['bad_number', 2, 16, 'average_check']],
  },
  {
    file: 'money-octal.yaml',
    stderr: [
      '@:2:16: error: average_check: "0o537440" is written in hexadecimal, octal or binary (key: average_check)',
      '  write the number in plain decimal digits',
    ],
    errors: [['bad_number', 2, 16, 'average_check']],
  },
  {
    file: 'proto-keys.yaml',
    stderr: [
      '@:19:1: error: unknown key "__proto__" (key: __proto__)',
      '  known keys here: name, currency, period, revenue_target, average_check, minimum_check, gross_margin, contract_months, churn_monthly, ltv_horizon_months, funnel, sales, delivery, thresholds, icp, scenarios',
      '@:21:1: error: unknown key "constructor" (key: constructor)',
      '  known keys here: name, currency, period, revenue_target, average_check, minimum_check, gross_margin, contract_months, churn_monthly, ltv_horizon_months, funnel, sales, delivery, thresholds, icp, scenarios',
      '@:24:1: error: unknown key "prototype" (key: prototype)',
      '  known keys here: name, currency, period, revenue_target, average_check, minimum_check, gross_margin, contract_months, churn_monthly, ltv_horizon_months, funnel, sales, delivery, thresholds, icp, scenarios',
      '3 problems found; nothing was computed.',
    ],
    errors: [
      ['unknown_key', 19, 1, '__proto__'],
      ['unknown_key', 21, 1, 'constructor'],
      ['unknown_key', 24, 1, 'prototype'],
    ],
  },
  {
    file: 'rate-bare-number.yaml',
    stderr: [
      '@:3:15: error: gross_margin: a share was expected, and 45 reads as 4500% (key: gross_margin)',
      '  write 45% for a percentage, or 0.45 as a share',
    ],
    errors: [['bad_number', 3, 15, 'gross_margin']],
  },
  {
    file: 'rate-nan.yaml',
    stderr: [
      '@:5:16: error: churn_monthly: ".nan" is not a finite number (key: churn_monthly)',
      '  write a plain number such as 180000 or 45%',
    ],
    errors: [['bad_number', 5, 16, 'churn_monthly']],
  },
  {
    file: 'several-documents.yaml',
    stderr: [
      '@:20:1: error: the file holds 2 YAML documents, and one is expected',
      '  keep one set of assumptions per file; use `scenarios:` for variants',
    ],
    errors: [['several_documents', 20, 1, null]],
  },
  {
    file: 'share-above-100.yaml',
    stderr: [
      '@:3:15: error: gross_margin: 145% is above 100%, and this is a share of the whole (key: gross_margin)',
      '  write a percentage from 0% to 100%',
    ],
    errors: [['bad_number', 3, 15, 'gross_margin']],
  },
  {
    file: 'tab-indent.yaml',
    stderr: [
      '@:13:1: error: a tab is used for indentation, and YAML allows only spaces there',
      '  replace the tabs at the start of the line with spaces',
    ],
    errors: [['tab_indent', 13, 1, null]],
  },
  {
    file: 'tag-binary.yaml',
    stderr: [
      '@:1:7: error: the tag !!binary is not supported in an assumptions file (key: name)',
      '  delete the tag and write the plain value',
    ],
    errors: [['unsupported_tag', 1, 7, 'name']],
  },
  {
    file: 'tag-custom.yaml',
    stderr: [
      '@:2:16: error: the tag !money is not supported in an assumptions file (key: average_check)',
      '  delete the tag and write the plain value',
    ],
    errors: [['unsupported_tag', 2, 16, 'average_check']],
  },
  {
    file: 'top-level-list.yaml',
    stderr: [
      '@:1:1: error: the file holds a list, and a mapping of keys is expected',
      '  write the assumptions as `key: value` lines, as in examples/agency.yaml',
    ],
    errors: [['not_a_mapping', 1, 1, null]],
  },
  {
    file: 'top-level-scalar.yaml',
    stderr: [
      '@:1:1: error: the file holds a single value, and a mapping of keys is expected',
      '  write the assumptions as `key: value` lines, as in examples/agency.yaml',
    ],
    errors: [['not_a_mapping', 1, 1, null]],
  },
  {
    file: 'typo-camel-case.yaml',
    stderr: [
      '@:2:1: error: unknown key "averageCheck" (key: averageCheck)',
      '  did you mean "average_check"?',
    ],
    errors: [['unknown_key', 2, 1, 'averageCheck']],
  },
  {
    file: 'typo-dashes.yaml',
    stderr: [
      '@:3:1: error: unknown key "Gross-Margin" (key: Gross-Margin)',
      '  did you mean "gross_margin"?',
    ],
    errors: [['unknown_key', 3, 1, 'Gross-Margin']],
  },
  {
    file: 'unclosed-brace.yaml',
    stderr: [
      '@:16:11: error: the mapping opened here with { is never closed',
      '  add the closing }',
    ],
    errors: [['unclosed_bracket', 16, 11, null]],
  },
  {
    file: 'unclosed-bracket.yaml',
    stderr: [
      '@:6:9: error: the list opened here with [ is never closed',
      '  add the closing ], or write the list as "- item" lines',
    ],
    errors: [['unclosed_bracket', 6, 9, null]],
  },
  {
    file: 'unclosed-double-quote.yaml',
    stderr: [
      '@:1:7: error: the double quote " opened here is never closed',
      '  add the closing " where the text ends',
    ],
    errors: [['unclosed_quote', 1, 7, null]],
  },
  {
    file: 'unclosed-single-quote.yaml',
    stderr: [
      "@:1:7: error: the single quote ' opened here is never closed",
      "  add the closing ' where the text ends",
    ],
    errors: [['unclosed_quote', 1, 7, null]],
  },
  {
    file: 'yaml-1.1-leading-zero.yaml',
    stderr: [
      '@:5:16: error: average_check: "012" has a leading zero, which some tools read as octal (key: average_check)',
      '  write 12',
    ],
    errors: [['bad_number', 5, 16, 'average_check']],
  },
  {
    file: 'zero-average-check.yaml',
    stderr: [
      '@:2:16: error: average_check must be above zero: client-months are revenue divided by it (key: average_check)',
      '  write a number above zero, e.g. average_check: 180 000',
    ],
    errors: [['must_be_positive', 2, 16, 'average_check']],
  },
  {
    file: 'zero-clients-per-person.yaml',
    stderr: [
      '@:22:27: error: delivery.roles.0.clients_per_person must be above zero: load divides by it (key: delivery.roles.0.clients_per_person)',
      '  write a number above zero, e.g. clients_per_person: 15',
    ],
    errors: [['must_be_positive', 22, 27, 'delivery.roles.0.clients_per_person']],
  },
  {
    file: 'zero-contract-months.yaml',
    stderr: [
      '@:4:18: error: contract_months must be above zero: new clients are client-months divided by it (key: contract_months)',
      '  write a number above zero, e.g. contract_months: 4',
    ],
    errors: [['must_be_positive', 4, 18, 'contract_months']],
  },
  {
    file: 'zero-conversion.yaml',
    stderr: [
      '@:9:17: error: a 0% conversion into "meetings" means it never happens, and the stage before would need to be infinite (key: funnel.1.conversion)',
      '  write the real conversion, e.g. 2%',
    ],
    errors: [['division_by_zero', 9, 17, 'funnel.1.conversion']],
  },
  {
    file: 'zero-hourly-cost.yaml',
    stderr: [
      '@:17:16: error: delivery.hourly_cost must be above zero: the hours budget divides by it (key: delivery.hourly_cost)',
      '  write a number above zero, e.g. hourly_cost: 2 000',
    ],
    errors: [['must_be_positive', 17, 16, 'delivery.hourly_cost']],
  },
  {
    file: 'zero-reps.yaml',
    stderr: [
      '@:13:9: error: sales.reps must be above zero: someone has to make the attempts (key: sales.reps)',
      '  write a number above zero, e.g. reps: 5',
    ],
    errors: [['must_be_positive', 13, 9, 'sales.reps']],
  },
];

describe('the corpus of bad files', () => {
  // With --json the report is on stdout and the same text on stderr: one run checks both.
  let runs: CliRun[];

  beforeAll(async () => {
    runs = await runAll(CORPUS.map((entry) => ['plan', `${BAD}/${entry.file}`, '--json']));
  }, 300_000);

  it('has an expectation for every file in the folder and a file for every expectation', async () => {
    const files = (await readdir(join(ROOT, BAD))).sort();
    expect(CORPUS.map((entry) => entry.file).sort()).toEqual(files);
  });

  it.each(CORPUS.map((entry, index) => [entry.file, index] as const))(
    '%s: exit 2, exactly the expected lines on stderr, and the errors as JSON on stdout',
    (file, index) => {
      const run = runs[index] as CliRun;
      const entry = CORPUS[index] as BadFile;
      expect(run.code).toBe(2);

      const lines = run.stderr.split('\n').filter((line) => line !== '');
      expect(lines).toEqual(entry.stderr.map((line) => line.replaceAll('@', `${BAD}/${file}`)));

      const report = JSON.parse(run.stdout);
      expect(report.ok).toBe(false);
      const errors = report.errors as Record<string, unknown>[];
      expect(errors.map((error) => [error.code, error.line, error.col, error.path])).toEqual(
        entry.errors,
      );
      for (const error of errors) {
        expect(error.file).toBe(`${BAD}/${file}`);
        expect(typeof error.message).toBe('string');
      }
    },
  );

  it('never shows a stack trace, NaN, Infinity or undefined', () => {
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stderr + run.stdout).not.toMatch(/\b(NaN|Infinity|undefined)\b/);
    }
  });

  it('prints the same lines without --json, and nothing on stdout', async () => {
    const sample = ['unclosed-bracket.yaml', 'many-problems.yaml', 'missing-key.yaml'];
    const plain = await runAll(sample.map((file) => ['plan', `${BAD}/${file}`]));
    plain.forEach((run, index) => {
      const entry = CORPUS.find((candidate) => candidate.file === sample[index]) as BadFile;
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(runs[CORPUS.indexOf(entry)]?.stderr);
    });
  });
});

describe('files the corpus does not cover by a single message', () => {
  const dir = scratchFolder('bad');

  it('plans an assumptions file written as JSON exactly as the same file in YAML', async () => {
    const yamlText = await readFile(join(ROOT, 'examples/agency.yaml'), 'utf8');
    const jsonPath = join(dir, 'agency.json');
    await writeFile(jsonPath, JSON.stringify(parse(yamlText), null, 2));

    const [fromYaml, fromJson] = await runAll([
      ['plan', 'examples/agency.yaml', '--json'],
      ['plan', jsonPath, '--json'],
    ]);

    expect(fromJson?.code).toBe(fromYaml?.code);
    expect(fromJson?.stderr).toBe('');
    expect(JSON.parse(fromJson?.stdout ?? '')).toEqual(JSON.parse(fromYaml?.stdout ?? ''));
  });

  it('reads a %YAML 1.1 file without turning yes into true', async () => {
    const path = join(dir, 'yaml-1.1.yaml');
    const body = (await readFile(join(ROOT, 'examples/agency.yaml'), 'utf8')).replace(
      /^name: .*$/m,
      'name: yes',
    );
    await writeFile(path, `%YAML 1.1\n---\n${body}`);

    const [run] = await runAll([['plan', path, '--json']]);

    expect(JSON.parse(run?.stdout ?? '').name).toBe('yes');
  });
});

describe('ranges the reader refuses', () => {
  const dir = scratchFolder('range');
  let agency: string;

  beforeAll(async () => {
    agency = await readFile(join(ROOT, 'examples/agency.yaml'), 'utf8');
  });

  /** Plans the example agency with one line of it replaced; stderr lines with `@` for the file. */
  async function planWith(name: string, line: RegExp, replacement: string) {
    const path = join(dir, name);
    await writeFile(path, agency.replace(line, replacement));
    const [run] = await runAll([['plan', path]]);
    return {
      code: run?.code,
      stdout: run?.stdout,
      stderr: run?.stderr
        .split('\n')
        .filter((text) => text !== '')
        .map((text) => text.replaceAll(path, '@')),
    };
  }

  it('refuses revenue_target: 15..20M, which read as 15 to 20 million, and exits 2', async () => {
    const run = await planWith(
      'one-multiplier.yaml',
      /^revenue_target: .*$/m,
      'revenue_target: 15..20M',
    );

    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        '@:7:17: error: revenue_target: the range 15..20M has a multiplier on one bound only (key: revenue_target)',
        '  write the multiplier on both bounds: 15M..20M',
      ],
    });
  });

  it('plans revenue_target: 15M..20M rub in a RUB file as 15 to 20 million', async () => {
    const run = await planWith(
      'currency-after.yaml',
      /^revenue_target: .*$/m,
      'revenue_target: 15M..20M rub',
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('revenue_target: uniform ₽15,000,000..₽20,000,000');
  });

  it('plans reps: 4..5 with 5 reps, the number it shows, and refuses reps: 4.5..6', async () => {
    const path = join(dir, 'whole-range.yaml');
    await writeFile(path, agency.replace(/^ {2}reps: .*$/m, '  reps: 4..5'));
    const [planned] = await runAll([['plan', path, '--json']]);
    const refused = await planWith('part-range.yaml', /^ {2}reps: .*$/m, '  reps: 4.5..6');

    const sales = JSON.parse(planned?.stdout ?? '').sales;
    expect([sales.reps, sales.attempts_per_week, sales.meetings_per_week]).toEqual([5, 1000, 15]);
    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        '@:24:9: error: sales.reps: 4.5 is not a whole number (key: sales.reps)',
        '  write a whole number such as 5',
      ],
    });
  });
});

describe('flags', () => {
  it('suggests the nearest flag for an unknown one and exits 2', async () => {
    const [run] = await runAll([['plan', 'examples/agency.yaml', '--jsn']]);
    expect(run?.code).toBe(2);
    expect(run?.stderr.split('\n')).toEqual([
      "error: unknown option '--jsn'",
      '(Did you mean --json?)',
      '(add --help for usage)',
      '',
    ]);
  });

  it('exits 2 for a --format or --lang outside the choices, and for an unknown command', async () => {
    const runs = await runAll([
      ['plan', 'examples/agency.yaml', '--format', 'xml'],
      ['plan', 'examples/agency.yaml', '--lang=de'],
      ['plna', 'examples/agency.yaml'],
      ['plan'],
    ]);
    expect(runs.map((run) => run.code)).toEqual([2, 2, 2, 2]);
    expect(runs[0]?.stderr).toContain(
      "argument 'xml' is invalid. Allowed choices are table, json, markdown, csv, github.",
    );
    expect(runs[2]?.stderr).toContain('(Did you mean plan?)');
  });

  it('exits 2 and names the flag for a threshold flag that is not a number', async () => {
    const [run] = await runAll([['plan', 'examples/agency.yaml', '--min-ltv-cac', 'abc']]);
    expect(run?.code).toBe(2);
    expect(run?.stderr).toContain('"abc" is not a number (from --min-ltv-cac abc)');
  });

  it('reports a usage error as a JSON document when --json is given', async () => {
    const [run] = await runAll([['plan', 'examples/agency.yaml', '--json', '--colr']]);
    expect(run?.code).toBe(2);
    expect(JSON.parse(run?.stdout ?? '')).toEqual({
      ok: false,
      errors: [
        {
          code: 'unknown_option',
          file: null,
          line: null,
          col: null,
          path: null,
          message: "unknown option '--colr'",
          hint: 'did you mean --color?',
        },
      ],
    });
  });
});

describe('colour', () => {
  it('paints the table under FORCE_COLOR=1 and never the JSON', async () => {
    const env = { NO_COLOR: undefined, FORCE_COLOR: '1' };
    const [table, json] = await Promise.all([
      runCliAsync(['plan', 'examples/agency.yaml'], { env }),
      runCliAsync(['plan', 'examples/agency.yaml', '--json'], { env }),
    ]);
    expect(table.stdout).toContain('\u001b[');
    expect(json.stdout).not.toContain('\u001b[');
  });

  it('leaves the table plain for NO_COLOR, --no-color, TERM=dumb and a pipe', async () => {
    const runs = await Promise.all([
      runCliAsync(['plan', 'examples/agency.yaml'], {
        env: { NO_COLOR: '1', FORCE_COLOR: undefined },
      }),
      runCliAsync(['plan', 'examples/agency.yaml', '--no-color'], {
        env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
      }),
      runCliAsync(['plan', 'examples/agency.yaml'], { env: { NO_COLOR: undefined, TERM: 'dumb' } }),
      runCliAsync(['plan', 'examples/agency.yaml'], { env: { NO_COLOR: undefined } }),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).not.toContain('\u001b[');
    }
  });
});

describe('output into a pipe', () => {
  const dir = scratchFolder('pipe');
  let big: string;

  beforeAll(async () => {
    const plan = parse(await readFile(join(ROOT, 'examples/agency.yaml'), 'utf8'));
    const steps = Array.from({ length: 1000 }, (_, i) => ({
      stage: `step ${i}`,
      conversion: '99.9%',
    }));
    plan.funnel = [{ stage: 'attempts' }, ...steps, ...plan.funnel.slice(1)];
    big = join(dir, 'big.yaml');
    await writeFile(big, stringify(plan));
  });

  it('writes all of a large JSON document to a slow reader', async () => {
    const child = spawn(process.execPath, [BIN, 'plan', big, '--json'], {
      cwd: ROOT,
      env: cliEnv(),
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 5);
    });
    const code = await new Promise((resolve) => child.on('close', resolve));

    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.length).toBeGreaterThan(64 * 1024);
    expect(JSON.parse(text).funnel).toHaveLength(1004);
    expect([0, 1]).toContain(code);
  }, 30_000);

  it('is quiet when the reader stops after 100 bytes, like head -c 100', async () => {
    const child = spawn(process.execPath, [BIN, 'plan', big, '--json'], {
      cwd: ROOT,
      env: cliEnv(),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    let taken = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      taken += chunk.length;
      if (taken >= 100) {
        child.stdout.destroy();
      }
    });
    const code = await new Promise((resolve) => child.on('close', resolve));

    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
  }, 30_000);
});
