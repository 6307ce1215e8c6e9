/**
 * Everything the CLI says to the process: colour decisions, writing without
 * cutting piped output short, and reporting input problems.
 */

import type { InputProblem } from '../input/problem.js';
import { toJsonText } from '../render/plan.js';

export interface ColorSources {
  flag: boolean | undefined;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

/** Colour, decided once: the flag, then NO_COLOR, FORCE_COLOR, TERM=dumb, then whether it is a terminal. */
export function decideColor({ flag, env, isTTY }: ColorSources): boolean {
  if (flag !== undefined) {
    return flag;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') {
    return false;
  }
  if (env.FORCE_COLOR !== undefined) {
    return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  }
  if (env.TERM === 'dumb') {
    return false;
  }
  return isTTY;
}

let pipeClosed = false;

/** Quiet on a closed pipe (`funnel plan --json | head`): the reader has all it wanted. */
export function guardStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      pipeClosed = true;
      return;
    }
    throw error;
  });
}

export function writeOut(text: string): void {
  if (!pipeClosed) {
    process.stdout.write(text);
  }
}

export function writeErr(text: string): void {
  process.stderr.write(text);
}

/** `file:line:col: message (key: path)` and the hint on the next line, like a compiler. */
export function formatProblem(problem: InputProblem): string {
  const place = [problem.file, problem.line, problem.col].filter((part) => part !== null).join(':');
  const key = problem.path ? ` (key: ${problem.path})` : '';
  const head = `${place ? `${place}: ` : ''}error: ${problem.message}${key}`;
  return problem.hint ? `${head}\n  ${problem.hint}` : head;
}

export function reportProblems(problems: InputProblem[], json: boolean): void {
  if (json) {
    writeOut(
      toJsonText({
        ok: false,
        errors: problems.map((problem) => ({
          code: problem.code,
          file: problem.file,
          line: problem.line,
          col: problem.col,
          path: problem.path,
          message: problem.message,
          hint: problem.hint,
        })),
      }),
    );
  }
  const count = problems.length;
  const summary = count > 1 ? `\n${count} problems found; nothing was computed.\n` : '\n';
  writeErr(`${problems.map(formatProblem).join('\n')}${summary}`);
}
