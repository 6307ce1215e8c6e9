import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli } from '../support/cli.js';
import { records } from '../support/csv.js';
import { scratchFolder } from '../support/scratch.js';

const AGENCY = ['--assumptions', 'examples/agency.yaml'];
const DEALS = 'examples/deals';
const FILES = ['accept.yaml', 'reject.yaml', 'review.yaml'];

interface DealDocument {
  name: string | null;
  verdict: 'ACCEPT' | 'REVIEW' | 'REJECT';
  reasons: { id: string; verdict: string; message: string }[];
  red_flags: { flag: string; kind: string }[];
  capacity: { role: string; load: number; max_load: number; ok: boolean }[];
  [figure: string]: unknown;
}

const dir = scratchFolder('deal-formats');

function checkDeal(args: string[], env?: Record<string, string | undefined>) {
  return runCli(['check-deal', ...args, ...AGENCY], env ? { env } : {});
}

function pipelineJson(): DealDocument[] {
  return JSON.parse(checkDeal([DEALS, '--json']).stdout).deals;
}

/** A CSV figure key in the deal's JSON: `capacity.<role>.load` names the role's item. */
function jsonFigure(deal: DealDocument, key: string): unknown {
  const [head, role, field] = key.split('.');
  if (head === 'capacity' && role !== undefined && field !== undefined) {
    const item = deal.capacity.find((entry) => entry.role === role) as Record<string, unknown>;
    return item[field];
  }
  return deal[key];
}

interface Command {
  level: string;
  file: string | null;
  line: number | null;
  title: string;
  message: string;
}

/** A workflow command read back, its escapes undone. */
function parseCommand(text: string): Command {
  const match = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(text);
  expect(match, text).not.toBeNull();
  const unescape = (value: string) => decodeURIComponent(value);
  const properties = Object.fromEntries(
    (match![2] ?? '')
      .trim()
      .split(',')
      .filter((pair) => pair !== '')
      .map((pair) => {
        const equals = pair.indexOf('=');
        return [pair.slice(0, equals), unescape(pair.slice(equals + 1))];
      }),
  );
  return {
    level: match![1]!,
    file: properties.file ?? null,
    line: properties.line === undefined ? null : Number(properties.line),
    title: properties.title ?? '',
    message: unescape(match![3]!),
  };
}

function commands(stdout: string): { commands: Command[]; summary: string } {
  const lines = stdout.trimEnd().split('\n');
  return { commands: lines.slice(0, -1).map(parseCommand), summary: lines.at(-1) ?? '' };
}

function lineOf(file: string, line: number): string {
  return readFileSync(join(ROOT, file), 'utf8').split(/\r?\n/)[line - 1] ?? '';
}

describe('check-deal --format markdown', () => {
  it('puts one deal under its verdict heading, with its reasons as a list and no pipeline table', () => {
    const run = checkDeal([`${DEALS}/review.yaml`, '--format', 'markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('## ⚠️ REVIEW: Lakeside Dental\n')).toBe(true);
    expect(run.stdout).toContain(
      '\n- ⚠️ red flag: no CRM; one can be compensated, 2 reject the lead: settle it before quoting\n',
    );
    expect(run.stdout).toContain(
      '| Price at least the minimum | ₽180,000 | ≥ ₽174,545 | ✅ passed |',
    );
    expect(run.stdout).toContain('| Check | ₽180,000 |');
    expect(run.stdout).not.toContain('Pipeline');
  });

  it('gives a folder a pipeline table, one row a deal, then each deal with every reason', () => {
    const run = checkDeal([DEALS, '--format', 'markdown']);
    expect(run.code).toBe(1);
    expect(run.stdout.startsWith('## ❌ Pipeline: 3 deals (1 ACCEPT, 1 REVIEW, 1 REJECT)\n')).toBe(
      true,
    );
    expect(run.stdout).toMatch(
      /\n\| Orbit Logistics \| ₽150,000 \| 36% \| 3\.7 \| 3\.38 \| 2 \| ❌ REJECT \|\n/,
    );

    const icons = { ACCEPT: '✅', REVIEW: '⚠️', REJECT: '❌' };
    for (const deal of pipelineJson()) {
      expect(run.stdout).toContain(`\n### ${icons[deal.verdict]} ${deal.verdict}: ${deal.name}\n`);
      for (const reason of deal.reasons) {
        expect(run.stdout).toContain(
          `\n- ${icons[reason.verdict as 'ACCEPT']} ${reason.message}\n`,
        );
      }
    }
  });

  it('heads an unnamed deal from flags with its verdict alone', () => {
    const run = checkDeal([
      '--check',
      '150k',
      '--hours',
      '48',
      '--months',
      '6',
      '--format',
      'markdown',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout.startsWith('## ❌ REJECT\n')).toBe(true);
    expect(run.stdout).toContain('\n- ❌ price ₽150,000 is below the minimum ₽174,545 for 48 h');
  });

  it('fails the LTV/CAC check of a price that leaves no gross profit', () => {
    const run = checkDeal([
      '--check',
      '90000',
      '--hours',
      '48',
      '--months',
      '6',
      '--format',
      'markdown',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('\n| LTV/CAC | -0.37 | ≥ 3 | ❌ failed |\n');
  });

  it('exits 1 on a REVIEW with --strict, as the table does', () => {
    const run = checkDeal([`${DEALS}/review.yaml`, '--format', 'markdown', '--strict']);
    expect(run.code).toBe(1);
  });
});

describe('check-deal --format csv', () => {
  it('writes a header and CRLF rows, each deal named in the first column, and nothing on stderr', () => {
    const run = checkDeal([DEALS, '--format', 'csv']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\r\n')[0]).toBe('deal,section,figure,label,value,unit,limit,passed');
    expect(run.stdout.endsWith('\r\n')).toBe(true);
    expect(run.stdout.replace(/\r\n/g, '')).not.toContain('\n');
    expect(new Set(records(run.stdout).map((row) => row.deal))).toEqual(
      new Set(['Northwind Furniture', 'Orbit Logistics', 'Lakeside Dental']),
    );
  });

  it('gives every figure unrounded: each value equals the same figure in the JSON', () => {
    const rows = records(checkDeal([DEALS, '--format', 'csv']).stdout);
    const figures = rows.filter((row) => row.section !== 'checks');
    expect(figures.length).toBeGreaterThan(3 * 15);

    for (const deal of pipelineJson()) {
      const own = figures.filter((row) => row.deal === deal.name);
      expect(own.map((row) => row.figure)).toContain('minimum_check_for_margin');
      for (const row of own) {
        expect(Number(row.value), `${deal.name} ${row.figure}`).toBe(
          jsonFigure(deal, row.figure ?? ''),
        );
      }
    }
    const orbit = figures.find(
      (row) => row.deal === 'Orbit Logistics' && row.figure === 'price_gap',
    );
    expect(orbit?.value).toBe('-24545.45454545453');
  });

  it('gives each rule of the verdict as a check row whose limit and result agree with the JSON', () => {
    const rows = records(checkDeal([DEALS, '--format', 'csv']).stdout);
    const orbit = pipelineJson().find((deal) => deal.name === 'Orbit Logistics')!;
    const checks = Object.fromEntries(
      rows
        .filter((row) => row.deal === 'Orbit Logistics' && row.section === 'checks')
        .map((row) => [row.figure, row]),
    );

    expect(checks['checks.minimum_check']).toMatchObject({
      value: String(orbit.check),
      limit: String(orbit.minimum_check),
      passed: 'false',
    });
    expect(checks['checks.payback_within_contract']).toMatchObject({
      value: String(orbit.payback_months),
      limit: '3',
      passed: 'false',
    });
    expect(checks['checks.red_flags']).toMatchObject({ value: '2', limit: '1', passed: 'false' });
    expect(checks['checks.ltv_to_cac']?.passed).toBe('true');
    for (const role of orbit.capacity) {
      expect(checks[`checks.load.${role.role}`]).toMatchObject({
        value: String(role.load),
        limit: String(role.max_load),
        passed: String(role.ok),
      });
    }
  });

  it('writes the LTV/CAC check of a price without gross profit as not passed', () => {
    const deal = ['--check', '90000', '--hours', '48', '--months', '6', '--format', 'csv'];
    const rows = records(checkDeal(deal).stdout);
    const ltv = rows.find((row) => row.figure === 'checks.ltv_to_cac');

    expect(ltv).toMatchObject({ value: '-0.37499999999999994', limit: '3', passed: 'false' });
  });

  it('quotes a name with a comma and defuses one a spreadsheet would run as a formula', () => {
    const deal = ['--check', '200k', '--hours', '48', '--months', '6', '--format', 'csv'];
    const formula = records(checkDeal([...deal, '--name', '=HYPERLINK("x")']).stdout);
    const comma = checkDeal([...deal, '--name', 'Smith, Jones & Co']).stdout;

    expect(formula[0]?.deal).toBe(`'=HYPERLINK("x")`);
    expect(comma.split('\r\n')[1]?.startsWith('"Smith, Jones & Co",deal,check,')).toBe(true);
  });

  it('names an unnamed deal from flags by where it came from', () => {
    const run = checkDeal(['--check', '200k', '--hours', '48', '--months', '6', '--format', 'csv']);
    expect(run.stdout.split('\r\n')[1]).toBe('flags,deal,check,Check,200000,RUB,,');
  });
});

describe('check-deal --format github', () => {
  it('gives one ::error per REJECT reason and one ::warning per REVIEW reason, then a summary', () => {
    const run = checkDeal([DEALS, '--format', 'github']);
    expect(run.code).toBe(1);
    const { commands: found, summary } = commands(run.stdout);
    const deals = pipelineJson();
    const reasons = deals.flatMap((deal) => deal.reasons);

    expect(found.filter((command) => command.level === 'error')).toHaveLength(
      reasons.filter((reason) => reason.verdict === 'REJECT').length,
    );
    expect(found.filter((command) => command.level === 'warning')).toHaveLength(
      reasons.filter((reason) => reason.verdict === 'REVIEW').length,
    );
    expect(found.map((command) => command.message.split(' (field')[0])).toEqual(
      reasons.filter((reason) => reason.verdict !== 'ACCEPT').map((reason) => reason.message),
    );
    expect(summary).toBe('funnel: 3 deals checked: 1 ACCEPT, 1 REVIEW, 1 REJECT');
  });

  it('points each finding at the line of the deal file holding the field it names', () => {
    const { commands: found } = commands(checkDeal([DEALS, '--format', 'github']).stdout);
    const flags = pipelineJson().flatMap((deal) => deal.red_flags.map((flag) => flag.flag));

    expect(found.map((command) => command.file)).toEqual([
      `${DEALS}/reject.yaml`,
      `${DEALS}/reject.yaml`,
      `${DEALS}/reject.yaml`,
      `${DEALS}/review.yaml`,
    ]);
    for (const command of found) {
      const field = /\(field (\w+)\)$/.exec(command.message)?.[1];
      const text = lineOf(command.file!, command.line!);
      if (field === 'flags') {
        expect(flags.map((flag) => `  - ${flag}`)).toContain(text);
      } else {
        expect(text.startsWith(`${field}:`), `${command.message} → ${text}`).toBe(true);
      }
    }
    expect(found.map((command) => command.line)).toEqual([10, 3, 5, 11]);
  });

  it('names the deal and its verdict in the title, with % and : escaped', () => {
    const run = checkDeal([`${DEALS}/reject.yaml`, '--format', 'github']);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toBe(
      '::error file=examples/deals/reject.yaml,line=3,col=1,title=funnel%3A REJECT%3A Orbit Logistics' +
        '::price ₽150,000 is below the minimum ₽174,545 for 48 h at 45%25 margin (field check)',
    );
  });

  it('points at the item of a list file, and at the deal itself when the reason has no field', () => {
    const file = join(dir, 'pipeline.yaml');
    writeFileSync(
      file,
      [
        '- name: Aster',
        '  check: 200k',
        '  hours: 48',
        '  months: 6',
        '  has: [analytics access, decision maker in the meetings]',
        '- name: Birch',
        '  check: 100k',
        '  hours: 48',
        '  months: 6',
        '  has: [analytics access, decision maker in the meetings, budget confirmed]',
        '  roles: [account manager]',
        '',
      ].join('\n'),
    );
    const run = checkDeal([file, '--format', 'github', '--set', 'delivery.active_clients=55']);
    const { commands: found } = commands(run.stdout);
    const place = (command: Command) => `${command.line}: ${command.message.split(/:| load/)[0]}`;

    expect(found.filter((command) => command.title.endsWith('Aster')).map(place)).toEqual([
      '5: red flag',
      '1: account manager',
      '1: targeting specialist',
      '1: context ads specialist',
    ]);
    expect(
      found.find((command) => /Birch.*/.test(command.title) && /load/.test(command.message))?.line,
    ).toBe(11);
    expect(found.find((command) => command.message.endsWith('(field months)'))?.line).toBe(9);
  });

  it('says a flag set the value when it overrides the file, and points at the deal', () => {
    const run = checkDeal([`${DEALS}/accept.yaml`, '--check', '100k', '--format', 'github']);
    const { commands: found } = commands(run.stdout);
    const below = found.find((command) => command.message.startsWith('price ₽100,000'));
    expect(below?.message.endsWith('(set by --check)')).toBe(true);
    expect(below?.line).toBe(2);
  });

  it('gives a deal from flags no file position', () => {
    const run = checkDeal([
      '--check',
      '150k',
      '--hours',
      '48',
      '--months',
      '3',
      '--format',
      'github',
    ]);
    expect(run.code).toBe(1);
    const { commands: found, summary } = commands(run.stdout);
    expect(found.length).toBe(3);
    expect(run.stdout).not.toContain('file=');
    expect(found.every((command) => command.level === 'error')).toBe(true);
    expect(run.stdout.split('\n')[1]).toMatch(/^::error title=funnel%3A REJECT::price ₽150,000/);
    expect(summary).toBe('funnel: 1 deal checked: 0 ACCEPT, 0 REVIEW, 1 REJECT');
  });

  it('prints only the summary and exits 0 for an accepted deal', () => {
    const run = checkDeal([`${DEALS}/accept.yaml`, '--format', 'github']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('funnel: 1 deal checked: 1 ACCEPT, 0 REVIEW, 0 REJECT\n');
  });

  it('gives a deal file that cannot be read an ::error on its line and exit 2', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'name: Broken\ncheck: lots\nhours: 48\nmonths: 6\n');
    const run = checkDeal([file, '--format', 'github']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error file=[^,]+,line=2,col=8,title=funnel%3A bad_number::/);
  });
});

describe('check-deal --summary', () => {
  it('appends the markdown report to $GITHUB_STEP_SUMMARY, whatever the format, keeping what was there', () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# Earlier step\n\n');
    const env = { GITHUB_STEP_SUMMARY: summary };
    const github = checkDeal([DEALS, '--format', 'github', '--summary'], env);
    const markdown = checkDeal([`${DEALS}/accept.yaml`, '--format', 'markdown']);
    checkDeal([`${DEALS}/accept.yaml`, '--summary'], env);

    expect(github.code).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# Earlier step\n\n## ❌ Pipeline: 3 deals')).toBe(true);
    expect(text.endsWith(markdown.stdout)).toBe(true);
  });

  it('says on stderr that GITHUB_STEP_SUMMARY is not set, and goes on', () => {
    const run = checkDeal([`${DEALS}/accept.yaml`, '--summary', '--format', 'csv'], {
      GITHUB_STEP_SUMMARY: undefined,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('GITHUB_STEP_SUMMARY is not set');
    expect(run.stdout.startsWith('deal,section')).toBe(true);
  });
});

describe('check-deal formats on each example deal', () => {
  it.each(FILES)('%s: every format exits as the table does', (file) => {
    const table = checkDeal([`${DEALS}/${file}`]).code;
    for (const format of ['json', 'markdown', 'csv', 'github']) {
      expect(checkDeal([`${DEALS}/${file}`, '--format', format]).code, format).toBe(table);
    }
  });
});
