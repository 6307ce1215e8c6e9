/**
 * The command line: parses arguments with commander, runs a command, prints
 * once and sets the exit code (0 all checks pass, 1 a check fails, 2 bad
 * input or usage). Only this layer knows about the process.
 */

import { Command, CommanderError, Option } from 'commander';

import { InputError } from '../model/problem.js';
import { nearest } from '../text/suggest.js';
import { registerCheckDeal } from './check-deal.js';
import { registerCompare } from './compare.js';
import { registerExplain } from './explain.js';
import { problemCommands } from '../render/formats.js';
import { registerInit } from './init.js';
import { outputFailed, reportProblems, reportUsageAsJson, writeErr, writeOut } from './output.js';
import {
  collect,
  outputFormat,
  REPORT_CHOICES,
  runPlan,
  SHARED_OPTIONS,
  type AddSharedOptions,
  type PlanOptions,
  type SharedOption,
} from './plan.js';
import { registerSchema } from './schema.js';
import { registerWhatIf } from './whatif.js';

declare const FUNNEL_VERSION: string | undefined;

const VERSION = typeof FUNNEL_VERSION === 'string' ? FUNNEL_VERSION : '0.0.0-dev';

export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** Adds the shared options a command names, in the same order on every command's help. */
const sharedOptions: AddSharedOptions = (command, take, formats = ['table', 'json']) => {
  const options: Record<SharedOption, Option[]> = {
    format: [new Option('--format <format>', 'output format').choices(formats).default('table')],
    json: [
      new Option(
        '--json',
        take.includes('format')
          ? 'one JSON document on stdout (same as --format json, and wins over --format)'
          : 'one JSON document on stdout',
      ),
    ],
    lang: [new Option('--lang <lang>', 'language of labels and messages').choices(['en', 'ru'])],
    set: [
      new Option(
        '--set <path=value>',
        'override an assumption (repeatable), e.g. churn_monthly=10%',
      ).argParser(collect),
    ],
    scenario: [new Option('--scenario <name>', 'apply a named scenario from the file')],
    color: [
      new Option('--color', 'force colour'),
      new Option('--no-color', 'no colour (also NO_COLOR=1 or TERM=dumb)'),
    ],
    debug: [new Option('--debug', 'show stack traces of internal errors')],
  };
  for (const name of SHARED_OPTIONS.filter((shared) => take.includes(shared))) {
    options[name].forEach((option) => command.addOption(option));
  }
  return command;
};

export function buildProgram(): Command {
  const program = new Command('funnel')
    .description(
      'Plans sales and delivery for a service business from a YAML file of assumptions:\n' +
        'funnel counts, reps, unit economics, minimum check and delivery load.',
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut, writeErr });

  sharedOptions(
    program
      .command('plan')
      .description('plan the period: funnel, reps, LTV/CAC, payback, minimum check, delivery load')
      .argument('<file>', 'assumptions file (YAML); - reads standard input')
      .option('--min-ltv-cac <ratio>', 'override thresholds.ltv_to_cac_min')
      .option('--max-payback <months>', 'override thresholds.payback_months_max')
      .option('--max-churn <rate>', 'override thresholds.churn_monthly_max, e.g. 5%')
      .option('--max-load <rate>', 'override delivery.max_load, e.g. 85%')
      .option('--samples <n>', 'Monte Carlo samples when the file has ranges (default 100000)')
      .option('--seed <n>', 'seed of the simulation, for the same result every run (default 1)')

      .option('--summary', 'also append the markdown report to $GITHUB_STEP_SUMMARY'),
    SHARED_OPTIONS,
    REPORT_CHOICES,
  )
    .addHelpText(
      'after',
      `
Exit codes: 0 every check passed, 1 a check failed, 2 bad input or usage.

Examples:
  $ funnel plan examples/agency.yaml
  $ funnel plan examples/online-school.yaml --lang ru
  $ funnel plan examples/agency.yaml --json | jq .unit_economics.ltv_to_cac
  $ funnel plan examples/agency.yaml --set churn_monthly=12% --min-ltv-cac 4
  $ funnel plan examples/agency.yaml --scenario pessimistic
  $ funnel plan examples/agency.yaml --format github --summary
  $ funnel plan examples/agency.yaml --format csv > plan.csv`,
    )
    .action(async (file: string, options: PlanOptions) => {
      process.exitCode = await runPlan(file, options);
    });

  registerCheckDeal(program, sharedOptions);
  registerCompare(program, sharedOptions);
  registerWhatIf(program, sharedOptions);
  registerSchema(program);
  registerInit(program);
  registerExplain(program, sharedOptions);

  return program;
}

/** Runs the CLI with the arguments after `node funnel`. */
export async function run(argv: string[]): Promise<void> {
  const program = buildProgram();
  let reporting = reportingFromArgv(argv);
  program.hook('preAction', (_program, command) => {
    reporting = reportingFrom(command.opts());
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // `funnel help help` asks for the help it gets, though help is no command of its own.
    const helpOnHelp = program.args[0] === 'help' && program.args[1] === 'help';
    process.exitCode = helpOnHelp ? EXIT.ok : handleError(error, reporting);
    if (isHelpForWantOfCommand(error) && !helpOnHelp) {
      sayUnknownTopic(program);
    }
  }

  if (outputFailed()) {
    process.exitCode = EXIT.badInput;
  }
}

/** How errors are reported: in the command's output format, with stack traces under --debug. */
interface Reporting {
  format: string;
  debug: boolean;
}

function reportingFrom(options: { json?: boolean; format?: string; debug?: boolean }): Reporting {
  return { format: outputFormat(options), debug: options.debug === true };
}

/**
 * The same reading of the raw arguments, for the errors commander raises before the options
 * are parsed (an unknown flag, a bad choice): the last --format counts, as it does in commander.
 */
function reportingFromArgv(argv: string[]): Reporting {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  let format: string | undefined;
  flags.forEach((flag, index) => {
    if (flag === '--format') {
      format = flags[index + 1];
    } else if (flag.startsWith('--format=')) {
      format = flag.slice('--format='.length);
    }
  });
  return reportingFrom({
    json: flags.includes('--json'),
    format,
    debug: flags.includes('--debug'),
  });
}

/**
 * Usage errors exit 2 like bad input (commander's own default is 1, which would read as
 * "a check failed"); commander has already written the message and any suggestion to stderr.
 */
function handleError(error: unknown, { format, debug }: Reporting): number {
  const json = format === 'json';
  if (error instanceof CommanderError) {
    if (isHelpForWantOfCommand(error)) {
      return EXIT.badInput;
    }
    const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
    if (quiet.includes(error.code)) {
      return EXIT.ok;
    }
    if (json) {
      reportUsageAsJson(error);
    }
    return EXIT.badInput;
  }
  if (error instanceof InputError) {
    if (format === 'github') {
      writeOut(problemCommands(error.problems));
    }
    reportProblems(error.problems, json);
    return EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeErr(
    debug && error instanceof Error && error.stack
      ? `${error.stack}\n`
      : `funnel: internal error: ${message}\nRun again with --debug for details.\n`,
  );
  return EXIT.badInput;
}

/**
 * Help that commander shows on stderr because no command was given (bare `funnel`) or the
 * help topic is not a command (`funnel help nosuch`), as against help the user asked for.
 */
function isHelpForWantOfCommand(error: unknown): boolean {
  return error instanceof CommanderError && error.code === 'commander.help' && error.exitCode !== 0;
}

/** Under the help, what was wrong with `funnel help TOPIC`, worded as commander words it. */
function sayUnknownTopic(program: Command): void {
  const [first, topic] = program.args;
  if (first !== 'help' || topic === undefined) {
    return;
  }
  const suggestion = nearest(
    topic,
    program.commands.map((command) => command.name()),
  );
  writeErr(
    `error: unknown command '${topic}'\n${suggestion ? `(Did you mean ${suggestion}?)\n` : ''}`,
  );
}
