import {
  closeSync,
  createReadStream,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  readdirSync,
  statSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { getSystemErrorMap } from 'node:util';

import { InputError, problem, type InputProblem } from '../model/problem.js';
import { capitalise } from '../text/case.js';
import { editDistance } from '../text/suggest.js';
import { decodeSource, describeSource } from './decode.js';

/** An input file read and decoded: the name as the user gave it and its text. */
export interface SourceText {
  file: string;
  text: string;
  /** True when a UTF-8 byte-order mark was removed; columns count from after it. */
  bomStripped: boolean;
}

export interface ReadOptions {
  /** Largest input accepted, in bytes; more is file_too_large. Default 1 MiB. */
  maxBytes?: number;
  /** Where `-` reads from; default process.stdin. */
  stdin?: NodeJS.ReadableStream;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * Reads an input file (`-` for standard input) as UTF-8 text. Reads at most maxBytes + 1 bytes
 * whatever size the file reports, so a pipe or an endless stream cannot hang or exhaust memory.
 * Every way the file can be unusable ends in an InputError with one problem; nothing else is
 * thrown.
 */
export async function readSource(file: string, options: ReadOptions = {}): Promise<SourceText> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;

  let read: CappedBytes;
  try {
    read =
      file === '-'
        ? await readStream(options.stdin ?? process.stdin, maxBytes)
        : await readPath(file, maxBytes);
  } catch (error) {
    if (error instanceof InputError) {
      throw error;
    }
    throw new InputError([readFailure(file, error)]);
  }

  if (read.tooLarge) {
    throw new InputError([
      problem({
        code: 'file_too_large',
        file,
        message: `${capitalise(describeSource(file))} is larger than the ${formatBytes(maxBytes)} limit.`,
        hint: 'An assumptions file is a few kilobytes; check that this is the right file.',
      }),
    ]);
  }

  return { file, ...decodeSource(read.bytes, file) };
}

interface CappedBytes {
  bytes: Uint8Array;
  tooLarge: boolean;
}

// A file is read synchronously: a command reads one small file and has nothing to do meanwhile,
// and node:fs/promises alone loads ten more of Node's modules at start-up. A pipe is read as a
// stream, since its writer may be this process.
function readPath(file: string, maxBytes: number): CappedBytes | Promise<CappedBytes> {
  const stats = statSync(file);
  checkKind(file, stats);
  if (stats.isFIFO()) {
    return readStream(createReadStream(file), maxBytes);
  }

  const fd = openSync(file, 'r');
  try {
    // The path may have been replaced between the two calls; judge what was actually opened.
    checkKind(file, fstatSync(fd));
    return readDescriptor(fd, maxBytes);
  } finally {
    closeSync(fd);
  }
}

function readDescriptor(fd: number, maxBytes: number): CappedBytes {
  const chunks: Uint8Array[] = [];
  let total = 0;

  while (total <= maxBytes) {
    const buffer = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
    const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
    if (bytesRead === 0) {
      break;
    }
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
  }

  return { bytes: Buffer.concat(chunks, total), tooLarge: total > maxBytes };
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<CappedBytes> {
  const chunks: Uint8Array[] = [];
  let total = 0;

  // Leaving the loop early destroys the stream, which stops an endless producer.
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(bytes);
    total += bytes.length;
    if (total > maxBytes) {
      return { bytes: new Uint8Array(0), tooLarge: true };
    }
  }

  return { bytes: Buffer.concat(chunks, total), tooLarge: false };
}

/** Accepts regular files and pipes (a FIFO, or `<(command)` which is /dev/fd/N). */
function checkKind(file: string, stats: Stats): void {
  if (stats.isFile() || stats.isFIFO()) {
    return;
  }

  if (stats.isDirectory()) {
    throw new InputError([
      problem({
        code: 'is_directory',
        file,
        message: `${capitalise(describeSource(file))} is a directory, not a file.`,
        hint: directoryHint(file),
      }),
    ]);
  }

  throw new InputError([
    problem({
      code: 'not_a_regular_file',
      file,
      message: `${capitalise(describeSource(file))} is ${kindOf(stats)}, not a regular file.`,
      hint: 'Give the path of the YAML assumptions file, or - to read it from standard input.',
    }),
  ]);
}

function kindOf(stats: Stats): string {
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

function directoryHint(directory: string): string {
  const yamlFiles = fileNames(directory)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort();

  if (yamlFiles.length === 0) {
    return 'Give the path of the YAML assumptions file itself.';
  }
  return `Name a file in it, e.g. ${describeSource(join(directory, yamlFiles[0]!))}.`;
}

function readFailure(file: string, error: unknown): InputProblem {
  const code = errorCode(error);

  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return problem({
      code: 'file_not_found',
      file,
      message: isDanglingLink(file)
        ? `${capitalise(describeSource(file))} is a symbolic link to a file that does not exist.`
        : `${capitalise(describeSource(file))} does not exist.`,
      hint: notFoundHint(file),
    });
  }

  if (code === 'EACCES' || code === 'EPERM') {
    return problem({
      code: 'permission_denied',
      file,
      message: `${capitalise(describeSource(file))} cannot be read: permission denied.`,
      hint: 'Check its permissions (ls -l) or run as a user who may read it.',
    });
  }

  if (code === 'EISDIR') {
    return problem({
      code: 'is_directory',
      file,
      message: `${capitalise(describeSource(file))} is a directory, not a file.`,
      hint: directoryHint(file),
    });
  }

  return problem({
    code: 'read_failed',
    file,
    message: `${capitalise(describeSource(file))} cannot be read: ${reason(error)}.`,
    hint: null,
  });
}

function notFoundHint(file: string): string {
  const cwd = process.cwd();
  const directory = dirname(file);

  let names: string[];
  try {
    names = fileNames(directory, { strict: true });
  } catch {
    return (
      `The folder ${describeSource(directory)} does not exist either; ` +
      `the current directory is ${cwd}.`
    );
  }

  const near = nearestName(basename(file), names);
  if (near !== null) {
    return `Did you mean ${describeSource(join(directory, near))}? The current directory is ${cwd}.`;
  }
  return `No such file in ${resolve(directory)}; the current directory is ${cwd}.`;
}

/**
 * The file name in the folder the user most likely meant: the same name with .yml and .yaml
 * swapped, else the closest within two edits (letter case ignored).
 */
export function nearestName(wanted: string, names: string[]): string | null {
  const swapped = /\.yml$/i.test(wanted)
    ? wanted.replace(/\.yml$/i, '.yaml')
    : wanted.replace(/\.yaml$/i, '.yml');
  const swap = names.find(
    (name) => name !== wanted && name.toLowerCase() === swapped.toLowerCase(),
  );
  if (swap !== undefined) {
    return swap;
  }

  let best: { name: string; distance: number } | null = null;
  for (const name of [...names].sort()) {
    if (name === wanted) {
      continue;
    }
    const distance = editDistance(wanted.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && distance < wanted.length && (best === null || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name ?? null;
}

/** Names of the files (not folders) in a directory; empty when it cannot be listed. */
function fileNames(directory: string, options = { strict: false }): string[] {
  try {
    const entries = readdirSync(directory, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => entry.name);
  } catch (error) {
    if (options.strict) {
      throw error;
    }
    return [];
  }
}

function isDanglingLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return String(error.code);
  }
  return null;
}

function reason(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'errno' in error) {
    const described = getSystemErrorMap().get(Number(error.errno));
    if (described !== undefined) {
      return `${described[1]} (${described[0]})`;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}
