/**
 * Where a problem in a file points, and how it names what it found there. An assumptions file
 * and a deal file place and word their problems by the same rules, so a key path and a value
 * of the wrong type read the same way in both.
 */

import type * as z from 'zod/mini';

import { problem, type InputProblem } from '../model/problem.js';
import { pathKey, type RawDocument, type RawValue } from './yaml.js';

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
 * Where a key sits, for a report that points at it: the key's line (or its value's), or the
 * nearest enclosing key's when the file does not write it (`exact` false). A key an override
 * wrote has no line, and its origin says where it came from.
 */
export function keyPlace(document: Pick<RawDocument, 'positions'>, path: KeyPath) {
  const { found, exact } = locate(document, path);
  const where = found ? (found.key ?? found.value) : null;
  const known = where !== null && where.line > 0;
  return {
    line: known ? where.line : null,
    col: known ? where.col : null,
    origin: exact ? (found?.origin ?? null) : null,
    exact,
  };
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

/** A value as a message names what the file holds there: `"five"`, a list, a mapping of keys. */
export function describeRaw(value: RawValue | undefined): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value === null) {
    return 'an empty value';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a mapping of keys';
  }
  return `"${value}"`;
}

/**
 * A value of the wrong type at `key`: what is there and what is expected, in the words of
 * `describeRaw` (`sales.reps is a mapping of keys, and a number is expected`); zod's own words
 * when the issue names no type.
 */
export function wrongTypeMessage(
  key: string,
  issue: z.core.$ZodIssue,
  raw: RawValue | undefined,
): string {
  const expected = expectedOf(issue);
  return expected
    ? `${key} is ${describeRaw(raw)}, and ${expected} is expected`
    : `${key}: ${issue.message}`;
}

/** The only unions in a file's schema are number fields, which take text or a number. */
function expectedOf(issue: z.core.$ZodIssue): string | null {
  if (issue.code === 'invalid_union') {
    return 'a number';
  }
  if (issue.code !== 'invalid_type') {
    return null;
  }
  switch (issue.expected) {
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping of keys';
    case 'string':
      return 'text';
    default:
      return `a ${issue.expected}`;
  }
}

/** The raw value at a key path of a file's data (list items by index); undefined if none. */
export function rawAt(data: RawValue, path: readonly PropertyKey[]): RawValue | undefined {
  let current: RawValue | undefined = data;
  for (const segment of path) {
    if (current === null || current === undefined || typeof current !== 'object') {
      return undefined;
    }
    current = Array.isArray(current)
      ? current[Number(segment)]
      : (current as Record<string, RawValue>)[String(segment)];
  }
  return current;
}
