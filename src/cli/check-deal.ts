/**
 * `funnel check-deal`: is this client worth taking at this price? One deal
 * from flags or a file prints its table; a list or a folder prints one row a
 * deal. Exit 0 for ACCEPT and REVIEW, 1 for REJECT (REVIEW too with --strict).
 */

import type { Command } from 'commander';

import { checkDeal } from '../calc/deal.js';
import { loadDeals, type DealFlags } from '../input/deal.js';
import type { DealResult } from '../model/deal.js';
import { InputError, problem } from '../model/problem.js';
import { createFormatter, detectLang } from '../render/format.js';
import { dealToJson, renderDealRows, renderDealTable } from '../render/deal.js';
import { toJsonText } from '../render/plan.js';
import { dealsReport, isReportFormat, renderDealsReport } from '../render/formats.js';
import { appendSummaryMarkdown } from './summary.js';
import { writeOut, stdoutColor } from './output.js';
import {
  collect,
  loadFile,
  outputFormat,
  REPORT_CHOICES,
  SHARED_OPTIONS,
  type AddSharedOptions,
  type CommonOptions,
} from './plan.js';

export interface CheckDealOptions extends CommonOptions, DealFlags {
  assumptions?: string;
  strict?: boolean;
  summary?: boolean;
}

export function registerCheckDeal(program: Command, shared: AddSharedOptions): void {
  shared(
    program
      .command('check-deal')
      .description('price and qualify a deal before quoting it: ACCEPT, REVIEW or REJECT')
      .argument('[deals]', 'a deal file, a file with a list of deals, or a folder of deal files')
      .option(
        '-a, --assumptions <file>',
        'assumptions file with pricing, CAC, churn, roles and icp',
      )
      .option('--name <name>', 'client name')
      .option('--check <money>', 'monthly fee quoted, e.g. 150000 or 150k')
      .option('--hours <hours>', 'delivery hours a month')
      .option('--months <months>', 'contract term in months')
      .option(
        '--has <criterion>',
        'an icp.require criterion the client meets (repeatable)',
        collect,
      )
      .option('--flag <red flag>', 'an icp.red_flags sign the client shows (repeatable)', collect)
      .option('--roles <list>', 'comma-separated roles serving the client (default: all)')
      .option('--strict', 'exit 1 on REVIEW as well as REJECT')
      .option('--summary', 'also append the markdown report to $GITHUB_STEP_SUMMARY'),
    SHARED_OPTIONS,
    REPORT_CHOICES,
  )
    .addHelpText(
      'after',
      `
Exit codes: 0 ACCEPT or REVIEW, 1 REJECT (or REVIEW with --strict), 2 bad input or usage.

Examples:
  $ funnel check-deal -a examples/agency.yaml --check 150000 --hours 48 --months 6
  $ funnel check-deal -a examples/agency.yaml --check 180k --hours 48 --months 4 \\
      --has "analytics access" --flag "no CRM" --roles "account manager"
  $ funnel check-deal examples/deals/review.yaml -a examples/agency.yaml --json
  $ funnel check-deal examples/deals -a examples/agency.yaml
  $ funnel check-deal examples/deals -a examples/agency.yaml --format github --summary
  $ funnel check-deal examples/deals -a examples/agency.yaml --format csv > pipeline.csv`,
    )
    .action(async (target: string | undefined, options: CheckDealOptions) => {
      process.exitCode = await runCheckDeal(target, options);
    });
}

export async function runCheckDeal(target: string | undefined, options: CheckDealOptions) {
  if (!options.assumptions) {
    throw new InputError([
      problem({
        code: 'missing_assumptions',
        message: 'check-deal needs the assumptions file the deal is priced against',
        hint: 'add --assumptions assumptions.yaml (or -a)',
      }),
    ]);
  }

  const loaded = await loadFile(options.assumptions, options);
  const { deals, single } = await loadDeals(target, options, loaded.assumptions);
  const results = deals.map(({ deal }) => checkDeal(loaded.assumptions, deal));

  const fmt = createFormatter(detectLang(options.lang, process.env), loaded.assumptions.currency);
  const checked = deals.map((source, index) => ({
    origin: source.origin,
    ...(source.place ? { place: source.place } : {}),
    result: results[index] as DealResult,
  }));
  const format = outputFormat(options);
  const reported = isReportFormat(format) || options.summary;
  const report = reported ? dealsReport(checked, loaded.assumptions, fmt, single) : null;
  if (format === 'json') {
    const documents = results.map((result) => dealToJson(result, fmt));
    writeOut(toJsonText(single ? documents[0] : { deals: documents }));
  } else if (isReportFormat(format) && report) {
    writeOut(renderDealsReport(format, report, fmt));
  } else {
    const color = stdoutColor(options.color);
    writeOut(
      single && results[0]
        ? renderDealTable(results[0], fmt, color)
        : renderDealRows(results, fmt, color),
    );
  }

  if (options.summary && report) {
    appendSummaryMarkdown(renderDealsReport('markdown', report, fmt), process.env);
  }

  const rejected = results.some((result) => result.verdict === 'REJECT');
  const reviewed = results.some((result) => result.verdict === 'REVIEW');
  return rejected || (options.strict && reviewed) ? 1 : 0;
}
