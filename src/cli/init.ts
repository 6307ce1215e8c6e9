/**
 * `funnel init [FILE]`: writes a commented starter assumptions file. It never
 * replaces a file without --force, and it writes through a temporary file in
 * the same directory, so a reader never sees half a file.
 */

import { existsSync, linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { Command, Option } from 'commander';

import { InputError, problem } from '../model/problem.js';
import { detectLang } from '../render/format.js';
import { starterAssumptions } from './init-templates.js';
import { writeErr, writeOut } from './output.js';

export interface InitOptions {
  force?: boolean;
  lang?: string;
}

function fileProblem(file: string, code: string, message: string, hint: string | null) {
  return new InputError([problem({ code, file, message, hint })]);
}

/**
 * Puts text at path in one step. Without force, a hard link claims the name
 * only if nothing holds it yet, which closes the gap a check-then-rename leaves.
 */
export function writeAtomically(path: string, text: string, force: boolean): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
  } catch (error) {
    throw fileProblem(
      path,
      'cannot_write',
      `cannot write ${path}: ${reason(error)}`,
      next(error, path),
    );
  }

  try {
    if (force) {
      renameSync(temporary, path);
      return;
    }
    claim(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw fileProblem(
        path,
        'file_exists',
        `${path} already exists, and init does not replace a file`,
        'pass --force to replace it, or name another file',
      );
    }
    throw fileProblem(
      path,
      'cannot_write',
      `cannot write ${path}: ${reason(error)}`,
      next(error, path),
    );
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** A file system without hard links gets the plain check, then the rename. */
function claim(temporary: string, path: string): void {
  try {
    linkSync(temporary, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') {
      throw error;
    }
    if (existsSync(path)) {
      throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    }
    renameSync(temporary, path);
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: 'its directory does not exist',
    EACCES: 'permission denied',
    EROFS: 'the file system is read-only',
    EISDIR: 'it is a directory',
  };
  return (code && known[code]) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * What to do about a folder that does not exist. init does not create folders: a mistyped
 * path would otherwise leave a tree of them behind.
 */
function next(error: unknown, path: string): string | null {
  return (error as NodeJS.ErrnoException).code === 'ENOENT'
    ? `create the folder ${dirname(path)} first, or name a file in a folder that exists`
    : null;
}

export function runInit(file: string, options: InitOptions): number {
  const lang = detectLang(options.lang, process.env);
  const text = starterAssumptions(lang);
  if (file === '-') {
    writeOut(text);
    return 0;
  }

  writeAtomically(file, text, Boolean(options.force));
  writeErr(
    lang === 'ru'
      ? `Записан ${file}. Дальше: funnel plan ${file} --lang ru\n`
      : `Wrote ${file}. Next: funnel plan ${file}\n`,
  );
  return 0;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a commented starter assumptions file that plans as it is')
    .argument(
      '[file]',
      'where to write it, in a folder that exists; - writes to standard output',
      'assumptions.yaml',
    )
    .option('--force', 'replace the file if it exists')
    .addOption(new Option('--lang <lang>', 'language of the comments').choices(['en', 'ru']))
    .addHelpText(
      'after',
      `
Exit codes: 0 written, 2 the file exists (without --force) or cannot be written.

Examples:
  $ funnel init
  $ funnel init q1.yaml --lang ru
  $ funnel init - > assumptions.yaml`,
    )
    .action((file: string, options: InitOptions) => {
      process.exitCode = runInit(file, options);
    });
}
