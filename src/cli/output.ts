/**
 * Everything the CLI says to the process: colour decisions, writing without
 * cutting piped output short, and reporting input problems.
 */

import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';

import type { InputProblem } from '../model/problem.js';
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
let outputLost = false;
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to a file descriptor synchronously, so output is never cut short
 * when the process ends (a piped stdout is non-blocking: EAGAIN means wait and retry).
 * Writing straight to the descriptor also spares loading Node's stream machinery.
 */
function writeAll(fd: number, text: string): void {
  let bytes = Buffer.from(text, 'utf8');
  while (bytes.length > 0 && !(fd === 1 && pipeClosed)) {
    try {
      const written = writeSync(fd, bytes);
      bytes = bytes.subarray(written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(PAUSE, 0, 0, 2);
        continue;
      }
      if (fd === 1) {
        // A reader that stopped early (`funnel plan --json | head -c 100`) has all it wanted.
        pipeClosed = true;
        if (code !== 'EPIPE') {
          writeAll(2, `funnel: cannot write the output: ${(error as Error).message}\n`);
          outputLost = true;
        }
      }
      return;
    }
  }
}

/**
 * Whether stdout refused a write (a full disk, a closed file), not counting a reader that
 * stopped early. The CLI then exits 2 whatever the command decided, as its result never arrived.
 */
export function outputFailed(): boolean {
  return outputLost;
}

export function writeOut(text: string): void {
  writeAll(1, text);
}

export function writeErr(text: string): void {
  writeAll(2, text);
}

/** Colour for what goes to stdout, from a command's --color / --no-color and the environment. */
export function stdoutColor(flag: boolean | undefined): boolean {
  return decideColor({ flag, env: process.env, isTTY: isTerminal(1) });
}

/** Whether a descriptor is a terminal (1 for stdout, 2 for stderr). */
export function isTerminal(fd: 1 | 2): boolean {
  return isatty(fd);
}

/** `file:line:col: message (key: path)` and the hint on the next line, like a compiler. */
export function formatProblem(problem: InputProblem): string {
  const place = [problem.file, problem.line, problem.col].filter((part) => part !== null).join(':');
  const key = problem.path ? ` (key: ${problem.path})` : '';
  const head = `${place ? `${place}: ` : ''}error: ${problem.message}${key}`;
  return problem.hint ? `${head}\n  ${problem.hint}` : head;
}

/** A usage error (unknown flag, bad flag value) as the same JSON document input problems use. */
export function reportUsageAsJson(error: { code: string; message: string }): void {
  const lines = error.message.replace(/^error: /, '').split('\n');
  const code = error.code
    .replace(/^commander\./, '')
    .replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const suggestion = /\(Did you mean (.+)\?\)/.exec(error.message);
  writeOut(
    toJsonText({
      ok: false,
      errors: [
        {
          code,
          file: null,
          line: null,
          col: null,
          path: null,
          message: lines[0] ?? error.message,
          hint: suggestion ? `did you mean ${suggestion[1]}?` : 'add --help for usage',
        },
      ],
    }),
  );
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
