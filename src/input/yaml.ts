/**
 * Turns YAML text into a plain tree of strings, lists and mappings, with the
 * line and column of every key and value. Every scalar stays the text the
 * user wrote (the failsafe schema), so `yes`, `012` or `0x10` never change
 * meaning behind the user's back: the validator decides what a value means.
 */

import {
  Alias,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
} from 'yaml';

import { InputError, problem, type InputProblem } from './problem.js';

export type RawValue = string | null | RawValue[] | RawMap;
export type RawMap = { [key: string]: RawValue };

export interface Position {
  line: number;
  col: number;
}

export interface Located {
  /** Where the value starts; for a mapping entry, where its key starts. */
  value: Position;
  key: Position | null;
  /** Set when an override put the value there: `--set churn_monthly=10%`. */
  origin?: string;
}

export interface RawDocument<Data extends RawValue = RawMap> {
  file: string;
  data: Data;
  /** Positions by key path (`funnel.1.conversion`); the empty path is the document. */
  positions: Map<string, Located>;
}

/** More nodes than any real assumptions file has: a guard against alias bombs. */
const MAX_NODES = 100_000;
const MAX_DEPTH = 64;

export function pathKey(path: readonly (string | number)[]): string {
  return path.join('.');
}

export interface ParseOptions {
  /** Accept a list at the top level too (a file of several deals). */
  allowList?: boolean;
}

/** Parses one assumptions document; throws InputError with every problem found. */
export function parseYaml(text: string, file: string): RawDocument;
export function parseYaml(
  text: string,
  file: string,
  options: ParseOptions,
): RawDocument<RawMap | RawValue[]>;
export function parseYaml(
  text: string,
  file: string,
  options: ParseOptions = {},
): RawDocument<RawMap | RawValue[]> {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, {
    schema: 'failsafe',
    lineCounter,
    prettyErrors: false,
    uniqueKeys: (a, b) => scalarText(a) === scalarText(b),
    logLevel: 'silent',
  });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  const list = Array.isArray(documents) ? documents : [documents];
  const problems: InputProblem[] = [];
  for (const document of list) {
    for (const error of document.errors) {
      const where = at(error.pos[0]);
      problems.push(
        problem({
          code: 'yaml_syntax',
          file,
          ...where,
          message: yamlMessage(error.code, error.message),
          hint: yamlHint(error.code),
        }),
      );
    }
  }
  if (problems.length > 0) {
    throw new InputError(problems);
  }

  const real = list.filter((document) => document.contents !== null);
  if (real.length === 0) {
    throw new InputError([
      problem({
        code: 'empty_file',
        file,
        message: 'the file has no assumptions (it is empty or holds only comments)',
        hint: 'start from `funnel init` or examples/agency.yaml',
      }),
    ]);
  }
  if (real.length > 1) {
    const second = real[1] as Document.Parsed;
    const where = second.contents?.range ? at(second.contents.range[0]) : { line: null, col: null };
    throw new InputError([
      problem({
        code: 'several_documents',
        file,
        ...where,
        message: `the file holds ${real.length} YAML documents, and one is expected`,
        hint: 'keep one set of assumptions per file; use `scenarios:` for variants',
      }),
    ]);
  }

  const document = real[0] as Document.Parsed;
  const root = document.contents as Node;
  if (!isMap(root) && !(options.allowList && isSeq(root))) {
    const where = root.range ? at(root.range[0]) : { line: null, col: null };
    throw new InputError([
      problem({
        code: 'not_a_mapping',
        file,
        ...where,
        message: `the file holds ${isSeq(root) ? 'a list' : 'a single value'}, and a mapping of keys is expected`,
        hint: 'write the assumptions as `key: value` lines, as in examples/agency.yaml',
      }),
    ]);
  }

  const positions = new Map<string, Located>();
  let nodes = 0;

  function convert(node: unknown, path: (string | number)[], depth: number): RawValue {
    nodes += 1;
    if (nodes > MAX_NODES || depth > MAX_DEPTH) {
      throw new InputError([
        problem({
          code: 'too_complex',
          file,
          path: pathKey(path),
          message:
            depth > MAX_DEPTH
              ? `the file nests deeper than ${MAX_DEPTH} levels`
              : `the file expands to more than ${MAX_NODES} values (aliases repeated too often?)`,
          hint: 'write the assumptions out plainly, without deep nesting or repeated aliases',
        }),
      ]);
    }
    if (isAlias(node)) {
      const target = (node as Alias).resolve(document);
      if (!target) {
        const where = node.range ? at(node.range[0]) : { line: null, col: null };
        throw new InputError([
          problem({
            code: 'unknown_alias',
            file,
            ...where,
            path: pathKey(path),
            message: `the alias *${(node as Alias).source} names no anchor`,
          }),
        ]);
      }
      return convert(target, path, depth + 1);
    }
    if (isMap(node)) {
      const map: RawMap = Object.create(null) as RawMap;
      for (const pair of node.items) {
        const key = scalarText(pair.key);
        if (key === null) {
          const where = nodeStart(pair.key, at);
          throw new InputError([
            problem({
              code: 'complex_key',
              file,
              ...where,
              path: pathKey(path),
              message: 'a key is a list or mapping, and keys must be plain words',
            }),
          ]);
        }
        const childPath = [...path, key];
        const keyStart = nodeStart(pair.key, at);
        const valueStart = pair.value ? nodeStart(pair.value, at) : keyStart;
        positions.set(pathKey(childPath), {
          value: valueStart.line === null ? (keyStart as Position) : (valueStart as Position),
          key: keyStart.line === null ? null : (keyStart as Position),
        });
        map[key] = convert(pair.value, childPath, depth + 1);
      }
      return map;
    }
    if (isSeq(node)) {
      return node.items.map((item, index) => {
        const childPath = [...path, index];
        const start = nodeStart(item, at);
        if (start.line !== null) {
          positions.set(pathKey(childPath), { value: start as Position, key: null });
        }
        return convert(item, childPath, depth + 1);
      });
    }
    if (isScalar(node)) {
      const value = node.value;
      if (value === null || value === undefined) {
        return null;
      }
      const textValue = String(value);
      const plain = node.type === 'PLAIN';
      if (plain && (textValue === '' || textValue === '~' || /^null$/i.test(textValue))) {
        return null;
      }
      return textValue;
    }
    return null;
  }

  const data = convert(root, [], 0) as RawMap | RawValue[];
  return { file, data, positions };
}

function scalarText(node: unknown): string | null {
  if (isScalar(node)) {
    return node.value === null || node.value === undefined ? '' : String(node.value);
  }
  return null;
}

function nodeStart(node: unknown, at: (offset: number) => Position) {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? at(range[0]) : { line: null, col: null };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  const known: Record<string, string> = {
    DUPLICATE_KEY: 'a key appears twice in the same mapping',
    TAB_AS_INDENT: 'a tab is used for indentation, and YAML allows only spaces there',
    BAD_INDENT: 'the indentation does not line up with the lines above',
    MISSING_CHAR: `a closing quote or bracket is missing (${first.replace(/\.$/, '')})`,
    MULTILINE_IMPLICIT_KEY: 'a key runs over several lines (a missing colon or quote above?)',
  };
  return known[code] ?? `the YAML cannot be read: ${first.replace(/\.$/, '')}`;
}

function yamlHint(code: string): string | null {
  const hints: Record<string, string> = {
    DUPLICATE_KEY: 'keep one of the two; the file must say each thing once',
    TAB_AS_INDENT: 'replace the tabs at the start of the line with spaces',
    BAD_INDENT: 'indent nested keys by the same number of spaces as their siblings',
    MISSING_CHAR: 'close the quote or bracket that opens here',
  };
  return hints[code] ?? null;
}
