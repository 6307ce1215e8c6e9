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
  Parser,
  type CST,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

import { byPlace, InputError, problem, type InputProblem } from '../model/problem.js';

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

/** Tags the failsafe schema knows; any other tag would change a value without a word. */
const PLAIN_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

const MERGE_KEY = '<<';

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
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  const tooDeep = flowDepthBeyond(text, MAX_DEPTH);
  if (tooDeep !== null) {
    const before = text.slice(0, tooDeep).split('\n');
    const where = { line: before.length, col: (before[before.length - 1] as string).length + 1 };
    throw new InputError([tooComplex(file, where, '', 'depth')]);
  }

  const documents = parseAllDocuments(text, {
    schema: 'failsafe',
    lineCounter,
    prettyErrors: false,
    uniqueKeys: (a, b) => scalarText(a) === scalarText(b),
    logLevel: 'silent',
  });

  const list = Array.isArray(documents) ? documents : [documents];
  const errors = list.flatMap((document) => document.errors);
  if (errors.length > 0) {
    throw new InputError(syntaxProblems(text, file, errors, at));
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

  // Resolving an alias searches the whole document; an alias bomb resolves the same few
  // aliases thousands of times, so each is looked up once.
  const targets = new Map<Alias, unknown>();
  const resolve = (alias: Alias) => {
    if (!targets.has(alias)) {
      targets.set(alias, alias.resolve(document));
    }
    return targets.get(alias);
  };

  const failAt = (
    where: Position | { line: null; col: null },
    path: (string | number)[],
    code: string,
    message: string,
    hint: string | null = null,
  ) => new InputError([problem({ code, file, ...where, path: pathKey(path), message, hint })]);
  const fail = (
    node: unknown,
    path: (string | number)[],
    code: string,
    message: string,
    hint: string | null = null,
  ) => failAt(nodeStart(node, at), path, code, message, hint);

  const checkTag = (node: unknown, path: (string | number)[]) => {
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag !== undefined && !PLAIN_TAGS.has(tag)) {
      const offset = tagOffset(text, node);
      throw failAt(
        offset === null ? nodeStart(node, at) : at(offset),
        path,
        'unsupported_tag',
        `the tag ${shortTag(tag)} is not supported in an assumptions file`,
        'delete the tag and write the plain value',
      );
    }
  };

  function convert(node: unknown, path: (string | number)[], depth: number): RawValue {
    nodes += 1;
    if (nodes > MAX_NODES || depth > MAX_DEPTH) {
      const where = nodeStart(node, at);
      throw new InputError([
        tooComplex(file, where, pathKey(path), depth > MAX_DEPTH ? 'depth' : 'nodes'),
      ]);
    }

    checkTag(node, path);

    if (isAlias(node)) {
      const target = resolve(node as Alias);
      if (!target) {
        throw fail(
          node,
          path,
          'unknown_alias',
          `the alias *${(node as Alias).source} names no anchor`,
        );
      }
      return convert(target, path, depth + 1);
    }
    if (isMap(node)) {
      const map: RawMap = Object.create(null) as RawMap;
      for (const [key, pair] of pairsOf(node, path, depth)) {
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

  /**
   * The pairs a mapping holds, by key. `<<: *base` (or a list of aliases) brings in the pairs
   * of the named mappings, the first source listed winning, as YAML 1.1 defines it; the
   * mapping's own pairs then override them. Each key is converted once, from the pair that
   * wins, so its value and its position come from the same place.
   */
  function pairsOf(node: YAMLMap, path: (string | number)[], depth: number) {
    if (depth > MAX_DEPTH) {
      throw new InputError([tooComplex(file, nodeStart(node, at), pathKey(path), 'depth')]);
    }

    const pairs = new Map<string, Pair>();
    for (const pair of node.items) {
      if (!isMergeKey(pair.key)) {
        continue;
      }
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const item of [...sources].reverse()) {
        const target = isAlias(item) ? resolve(item as Alias) : item;
        if (!isMap(target)) {
          throw fail(
            item ?? pair.key,
            path,
            'bad_merge',
            'a merge key << must name a mapping, e.g. <<: *defaults',
            'point << at an anchored mapping (&defaults), or write the keys out',
          );
        }
        checkTag(target, path);
        for (const [key, merged] of pairsOf(target, path, depth + 1)) {
          pairs.set(key, merged);
        }
      }
    }

    for (const pair of node.items) {
      const key = scalarText(pair.key);
      if (key === null) {
        throw fail(
          pair.key,
          path,
          'complex_key',
          'a key is a list or mapping, and keys must be plain words',
        );
      }
      if (!isMergeKey(pair.key)) {
        pairs.set(key, pair);
      }
    }
    return pairs;
  }

  const size = expandedSize(root, resolve);
  if (size.over !== null) {
    throw new InputError([tooComplex(file, nodeStart(size.over, at), '', 'nodes')]);
  }

  const data = convert(root, [], 0) as RawMap | RawValue[];
  return { file, data, positions };
}

/**
 * How many values the document holds once every alias is expanded, counted without
 * expanding: each node's size is computed once. A billion laughs is refused before a single
 * copy is made. `over` is the innermost collection that crosses the limit.
 */
function expandedSize(root: unknown, resolve: (alias: Alias) => unknown) {
  const sizes = new Map<unknown, number>();
  let over: unknown = null;

  const sizeOf = (node: unknown, depth: number): number => {
    if (depth > MAX_DEPTH) {
      return 1;
    }
    const known = sizes.get(node);
    if (known !== undefined) {
      return known;
    }
    let size = 1;
    if (isAlias(node)) {
      const target = resolve(node as Alias);
      size = target ? sizeOf(target, depth + 1) : 1;
    } else if (isMap(node)) {
      for (const pair of node.items) {
        size += sizeOf(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        size += sizeOf(item, depth + 1);
      }
    }
    if (size > MAX_NODES && over === null) {
      over = node;
    }
    sizes.set(node, size);
    return size;
  };

  return { size: sizeOf(root, 0), over };
}

function tooComplex(
  file: string,
  where: { line: number | null; col: number | null },
  path: string,
  reason: 'depth' | 'nodes',
): InputProblem {
  return problem({
    code: 'too_complex',
    file,
    ...where,
    path: path === '' ? null : path,
    message:
      reason === 'depth'
        ? `the file nests deeper than ${MAX_DEPTH} levels`
        : `the file expands to more than ${MAX_NODES} values (aliases repeated too often?)`,
    hint: 'write the assumptions out plainly, without deep nesting or repeated aliases',
  });
}

/**
 * Where the tag of `node` is written. A node's range starts at its value, after its tag, so the
 * tag is the last one written as the node's tag in the parser's tokens before that start (a
 * tag between them may be another node's: `sales: !foo` then `!!str reps: 5` on the next line).
 */
function tagOffset(text: string, node: unknown): number | null {
  const { range, tag } = (node ?? {}) as { range?: [number, number, number]; tag?: string };
  const start = range?.[0];
  if (start === undefined || tag === undefined) {
    return null;
  }
  const written = shortTag(tag);
  let found: number | null = null;
  const visit = (value: unknown) => {
    if (value === null || typeof value !== 'object') {
      return;
    }
    const token = value as { type?: unknown; offset?: unknown; source?: unknown };
    if (
      token.type === 'tag' &&
      token.source === written &&
      typeof token.offset === 'number' &&
      token.offset <= start
    ) {
      found = Math.max(found ?? token.offset, token.offset);
    }
    for (const child of Object.values(value)) {
      visit(child);
    }
  };
  for (const token of new Parser().parse(text)) {
    visit(token);
  }
  return found;
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/**
 * Offset of the first `[` or `{` nested more than `limit` deep, or null. The YAML parser
 * recurses once per level and takes seconds to give up on thousands of levels; this
 * check answers at once. Quotes and comments are skipped so their text is not counted.
 */
function flowDepthBeyond(text: string, limit: number): number | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quote !== null) {
      if (char === '\\' && quote === '"') {
        i += 1;
      } else if (char === quote) {
        quote = null;
      }
      continue;
    }
    if (char === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (
      (char === '"' || char === "'") &&
      (i === 0 || /[\s[{,:]/.test(text[i - 1] as string))
    ) {
      quote = char;
    } else if (char === '[' || char === '{') {
      depth += 1;
      if (depth > limit) {
        return i;
      }
    } else if ((char === ']' || char === '}') && depth > 0) {
      depth -= 1;
    }
  }
  return null;
}

type YamlError = { code: string; message: string; pos: [number, number] };

/**
 * One problem per syntax error. An unclosed quote or bracket makes the parser complain
 * where it gives up (often the end of the file); the user needs the place it opened, so
 * those are found in the parser's token tree and reported instead of what follows them.
 */
function syntaxProblems(
  text: string,
  file: string,
  errors: YamlError[],
  at: (offset: number) => Position,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const openers = errors.some((error) => OPENER_CODES.has(error.code)) ? unclosedOpeners(text) : [];
  const firstOpener = openers[0]?.offset ?? Infinity;

  const lines = new Set<number>();
  let tabs = false;
  // A too-deep line gives two errors at the value above it; the indentation one says it.
  const indented = new Set(
    errors.filter((error) => error.code === 'BLOCK_AS_IMPLICIT_KEY').map((error) => error.pos[0]),
  );
  for (const error of [...errors].sort((a, b) => a.pos[0] - b.pos[0])) {
    if (error.code === 'MULTILINE_IMPLICIT_KEY' && indented.has(error.pos[0])) {
      continue;
    }
    if (error.pos[0] >= firstOpener || (tabs && error.code !== 'TAB_AS_INDENT')) {
      continue;
    }
    if (error.code === 'RESOURCE_EXHAUSTION') {
      problems.push(tooComplex(file, at(error.pos[0]), '', 'depth'));
      continue;
    }

    const where = at(errorOffset(text, error));
    if (lines.has(where.line)) {
      continue;
    }
    lines.add(where.line);
    // A tab confuses the parser about everything after it; only other tabs are worth saying.
    tabs ||= error.code === 'TAB_AS_INDENT';
    problems.push(
      problem({
        code: YAML_CODES[error.code] ?? 'yaml_syntax',
        file,
        ...where,
        message:
          error.code === 'DUPLICATE_KEY'
            ? `the key ${keyTextAt(text, error.pos[0])} appears twice in the same mapping`
            : yamlMessage(error.code, error.message),
        hint: yamlHint(error.code),
      }),
    );
  }

  for (const opener of openers) {
    problems.push(openerProblem(opener, file, at));
  }
  return problems.sort(byPlace);
}

const OPENER_CODES = new Set([
  'MISSING_CHAR',
  'BAD_INDENT',
  'UNEXPECTED_TOKEN',
  'MULTILINE_IMPLICIT_KEY',
]);

/**
 * Where the user should look. A line indented deeper than its siblings is reported by the
 * parser at the value above it ("nested mappings are not allowed"), so the next line is the
 * place; indentation problems point at the first character of the line rather than column 1.
 */
function errorOffset(text: string, error: YamlError): number {
  let offset = error.pos[0];
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && /nested mappings/i.test(error.message)) {
    const next = text.indexOf('\n', offset);
    offset = next < 0 ? offset : next + 1;
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'BAD_INDENT') {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const indent = /^[ ]*/.exec(text.slice(lineStart))?.[0].length ?? 0;
    offset = Math.max(offset, lineStart + indent);
  }
  return offset;
}

const YAML_CODES: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: 'bad_indent',
  DUPLICATE_KEY: 'duplicate_key',
  TAB_AS_INDENT: 'tab_indent',
  BAD_INDENT: 'bad_indent',
  MULTILINE_IMPLICIT_KEY: 'yaml_syntax',
};

interface Opener {
  kind: 'quote' | 'bracket';
  /** The opening character: `"`, `'`, `[` or `{`. */
  char: string;
  offset: number;
  /** A bracket closed by the wrong one: `[` … `}`. */
  closedWith: { char: string; offset: number } | null;
}

function openerProblem(opener: Opener, file: string, at: (offset: number) => Position) {
  const where = at(opener.offset);
  if (opener.kind === 'quote') {
    const name = opener.char === '"' ? 'double' : 'single';
    return problem({
      code: 'unclosed_quote',
      file,
      ...where,
      message: `the ${name} quote ${opener.char} opened here is never closed`,
      hint: `add the closing ${opener.char} where the text ends`,
    });
  }

  const list = opener.char === '[';
  const closer = list ? ']' : '}';
  const what = list ? 'list' : 'mapping';
  if (opener.closedWith) {
    const close = at(opener.closedWith.offset);
    return problem({
      code: 'unclosed_bracket',
      file,
      ...where,
      message: `the ${what} opened here with ${opener.char} is closed with ${opener.closedWith.char} at line ${close.line}, column ${close.col}`,
      hint: `close it with ${closer}`,
    });
  }
  return problem({
    code: 'unclosed_bracket',
    file,
    ...where,
    message: `the ${what} opened here with ${opener.char} is never closed`,
    hint: `add the closing ${closer}${list ? ', or write the list as "- item" lines' : ''}`,
  });
}

/** Quotes and brackets the parser found opened and not closed, in file order. */
function unclosedOpeners(text: string): Opener[] {
  const found: Opener[] = [];

  const visit = (token: CST.Token | undefined | null) => {
    if (!token) {
      return;
    }
    switch (token.type) {
      case 'document':
        visit(token.value);
        return;
      case 'block-map':
      case 'block-seq':
        for (const item of token.items) {
          visitItem(item);
        }
        return;
      case 'flow-collection': {
        const open = token.start.source;
        const close = token.end.find(
          (end) => end.type === 'flow-seq-end' || end.type === 'flow-map-end',
        );
        const expected = open === '[' ? ']' : '}';
        if (!close || close.source !== expected) {
          found.push({
            kind: 'bracket',
            char: open,
            offset: token.start.offset,
            closedWith: close ? { char: close.source, offset: close.offset } : null,
          });
        }
        for (const item of token.items) {
          visitItem(item);
        }
        return;
      }
      case 'double-quoted-scalar':
      case 'single-quoted-scalar':
        if (!quoteClosed(token.source)) {
          found.push({
            kind: 'quote',
            char: token.source[0] as string,
            offset: token.offset,
            closedWith: null,
          });
        }
        return;
      default:
        return;
    }
  };
  const visitItem = (item: CST.CollectionItem) => {
    visit(item.key);
    visit(item.value);
  };

  for (const token of new Parser().parse(text)) {
    visit(token);
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** The key that starts at `offset`, as written: `"1"`, `average_check`. */
function keyTextAt(text: string, offset: number): string {
  const line = text.slice(offset).split(/\r?\n/)[0] ?? '';
  const quoted = /^(["'])(.*?)\1/.exec(line);
  const plain = /^(.*?)\s*:(\s|$)/.exec(line);
  return `"${quoted ? quoted[2] : (plain?.[1] ?? line)}"`;
}

function quoteClosed(source: string): boolean {
  const quote = source[0];
  for (let i = 1; i < source.length; i += 1) {
    const char = source[i];
    if (quote === '"' && char === '\\') {
      i += 1;
    } else if (char === quote) {
      if (quote === "'" && source[i + 1] === "'") {
        i += 1;
      } else {
        return true;
      }
    }
  }
  return false;
}

/** `<<` written plainly; a quoted "<<" is an ordinary key. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.type === 'PLAIN' && scalarText(key) === MERGE_KEY;
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
    TAB_AS_INDENT: 'a tab is used for indentation, and YAML allows only spaces there',
    BAD_INDENT: 'the indentation does not line up with the lines above',
    BLOCK_AS_IMPLICIT_KEY: 'the indentation does not line up with the lines above',
    MULTILINE_IMPLICIT_KEY:
      'a key runs on to the next line: a colon is missing here, or the next line is indented wrongly',
  };
  return known[code] ?? `the YAML cannot be read: ${first.replace(/\.$/, '')}`;
}

function yamlHint(code: string): string | null {
  const hints: Record<string, string> = {
    DUPLICATE_KEY: 'keep one of the two; the file must say each thing once',
    TAB_AS_INDENT: 'replace the tabs at the start of the line with spaces',
    BAD_INDENT: 'indent nested keys by the same number of spaces as their siblings',
    BLOCK_AS_IMPLICIT_KEY: 'indent nested keys by the same number of spaces as their siblings',
    MULTILINE_IMPLICIT_KEY:
      'write each setting on one line as "key: value", with a space after the colon',
  };
  return hints[code] ?? null;
}
