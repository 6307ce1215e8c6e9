/**
 * Where a problem in a file points. An assumptions file and a deal file place their problems
 * by the same rule, so a key path reads the same way in both.
 */

import { problem, type InputProblem } from '../model/problem.js';
import { pathKey, type RawDocument } from './yaml.js';

type KeyPath = readonly (string | number)[];

/** Looks up where a key path sits in the file, or the nearest enclosing key that is there. */
export function locate(document: Pick<RawDocument, 'positions'>, path: KeyPath) {
  for (let length = path.length; length >= 0; length -= 1) {
    const found = document.positions.get(pathKey(path.slice(0, length)));
    if (found) {
      return { found, exact: length === path.length };
    }
  }
  return { found: null, exact: false };
}

/**
 * A problem at a key path. It points at the value, or at the key itself when `onKey` (an
 * unknown key); a key the file does not write points at the nearest enclosing key. A value an
 * override wrote has no line in the file, and the message names the override instead.
 */
export function problemAt(
  document: Pick<RawDocument, 'file' | 'positions'>,
  path: KeyPath,
  code: string,
  message: string,
  hint: string | null = null,
  onKey = false,
): InputProblem {
  const { found, exact } = locate(document, path);
  const chosen = found && (onKey || !exact) ? (found.key ?? found.value) : found?.value;
  const where = chosen && chosen.line > 0 ? chosen : null;
  const origin = exact ? (found?.origin ?? null) : null;
  return problem({
    code,
    file: document.file,
    line: where?.line ?? null,
    col: where?.col ?? null,
    path: path.length > 0 ? pathKey(path) : null,
    message: origin ? `${message} (from ${origin})` : message,
    hint,
  });
}
