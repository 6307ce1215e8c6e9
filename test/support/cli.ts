import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/funnel.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/**
 * The environment the CLI runs in under test: English and no colour, whatever the shell says,
 * with the test's own variables on top. The CLI takes its language from LC_ALL, then
 * LC_MESSAGES, then LANG, so the first two are removed rather than left to outrank LANG=C.
 */
export function cliEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LC_ALL: undefined,
    LC_MESSAGES: undefined,
    LANG: 'C',
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    ...overrides,
  };
}

/** Runs the built CLI as a user would, without colour unless the test asks for it. */
export function runCli(args: string[], options: CliOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: cliEnv(options.env),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * runCli without blocking, so a file can keep several runs going at once; each run costs a
 * process start.
 */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? ROOT, env: cliEnv(options.env), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    // A CLI that exits before reading its input closes the pipe; that is its answer, not ours.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input);
  });
}
