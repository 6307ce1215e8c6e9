import { InputError, problem } from '../model/problem.js';
import { capitalise } from '../text/case.js';

/** Text of an input file, ready for the YAML parser. */
export interface DecodedText {
  text: string;
  /** True when a UTF-8 byte-order mark was removed; columns count from after it. */
  bomStripped: boolean;
}

/** The name used in messages: the path as the user gave it, or "standard input" for `-`. */
export function describeSource(file: string): string {
  if (file === '-') {
    return 'standard input';
  }

  const visible = file.replace(/[\u0000-\u001f\u007f"\\]/g, (char) => {
    return char === '"' || char === '\\' ? `\\${char}` : JSON.stringify(char).slice(1, -1);
  });
  return `"${visible}"`;
}

/** Quotes a path for a shell command line only when it needs quoting. */
export function shellQuote(path: string): string {
  if (/^[\p{L}\p{N}_.\/@%+=:,-]+$/u.test(path)) {
    return path;
  }
  return `'${path.replaceAll("'", `'\\''`)}'`;
}

/**
 * Turns the bytes of an input file into text, or throws an InputError naming what the bytes are
 * instead: empty, UTF-16, Windows-1251, other invalid UTF-8, binary or a known binary format.
 * A UTF-8 byte-order mark is removed; CRLF line ends are kept for the YAML parser.
 */
export function decodeSource(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length === 0) {
    throw new InputError([emptyProblem(file)]);
  }

  const bomStripped = startsWith(bytes, UTF8_BOM);
  const utf16 = bomStripped ? null : utf16Layout(bytes);
  if (utf16 !== null) {
    throw new InputError([utf16Problem(file, utf16)]);
  }

  const format = knownBinaryFormat(bytes);
  if (format !== null) {
    throw new InputError([binaryFormatProblem(file, format)]);
  }

  const body = bomStripped ? bytes.subarray(UTF8_BOM.length) : bytes;

  const nul = body.indexOf(0);
  if (nul !== -1) {
    throw new InputError([nulProblem(file, body, nul)]);
  }

  let text: string;
  try {
    // ignoreBOM keeps a second mark in the text, so only the one removed above goes unseen.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw new InputError([notUtf8Problem(file, body)]);
  }

  const control = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control !== null) {
    throw new InputError([controlProblem(file, text, control.index)]);
  }

  if (text.trim() === '') {
    throw new InputError([emptyProblem(file)]);
  }

  return { text, bomStripped };
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1 when all
 * bytes are well-formed. Follows the same rules as TextDecoder: no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;

  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index += 1;
      continue;
    }

    const shape = UTF8_LEADS.find((candidate) => lead >= candidate.from && lead <= candidate.to);
    if (shape === undefined) {
      return index;
    }

    for (let k = 1; k <= shape.continuation; k += 1) {
      const next = bytes[index + k];
      const low = k === 1 ? shape.secondLow : 0x80;
      const high = k === 1 ? shape.secondHigh : 0xbf;
      if (next === undefined || next < low || next > high) {
        return index;
      }
    }

    index += shape.continuation + 1;
  }

  return -1;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const UTF8_LEADS = [
  { from: 0xc2, to: 0xdf, continuation: 1, secondLow: 0x80, secondHigh: 0xbf },
  { from: 0xe0, to: 0xe0, continuation: 2, secondLow: 0xa0, secondHigh: 0xbf },
  { from: 0xe1, to: 0xec, continuation: 2, secondLow: 0x80, secondHigh: 0xbf },
  { from: 0xed, to: 0xed, continuation: 2, secondLow: 0x80, secondHigh: 0x9f },
  { from: 0xee, to: 0xef, continuation: 2, secondLow: 0x80, secondHigh: 0xbf },
  { from: 0xf0, to: 0xf0, continuation: 3, secondLow: 0x90, secondHigh: 0xbf },
  { from: 0xf1, to: 0xf3, continuation: 3, secondLow: 0x80, secondHigh: 0xbf },
  { from: 0xf4, to: 0xf4, continuation: 3, secondLow: 0x80, secondHigh: 0x8f },
];

interface Utf16Layout {
  label: 'UTF-16 LE' | 'UTF-16 BE';
  hasBom: boolean;
}

/**
 * UTF-16 is recognised by its byte-order mark, or without one by the NUL in every other byte
 * that ASCII characters leave behind (YAML keys are ASCII, so even Russian files show it).
 */
function utf16Layout(bytes: Uint8Array): Utf16Layout | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { label: 'UTF-16 LE', hasBom: true };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { label: 'UTF-16 BE', hasBom: true };
  }

  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  const units = sample.length / 2;
  if (units < 2) {
    return null;
  }

  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < sample.length; index += 2) {
    if (sample[index] === 0) evenNuls += 1;
    if (sample[index + 1] === 0) oddNuls += 1;
  }

  const ascii = (nuls: number) => nuls >= 2 && nuls >= units * 0.3;
  const none = (nuls: number) => nuls <= units * 0.02;
  if (ascii(oddNuls) && none(evenNuls) && readableAs(sample, 'utf-16le')) {
    return { label: 'UTF-16 LE', hasBom: false };
  }
  if (ascii(evenNuls) && none(oddNuls) && readableAs(sample, 'utf-16be')) {
    return { label: 'UTF-16 BE', hasBom: false };
  }
  return null;
}

/** Whether bytes decode to text with hardly any control characters, i.e. look like writing. */
function readableAs(bytes: Uint8Array, encoding: string): boolean {
  const text = new TextDecoder(encoding).decode(bytes);
  const odd = text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return odd <= text.length * 0.05;
}

interface BinaryFormat {
  name: string;
  hint: string;
}

const NOT_TEXT_HINT = 'Give the path of the YAML assumptions file; this one is not text.';

const SIGNATURES: { magic: number[]; format: BinaryFormat }[] = [
  {
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    format: { name: 'a PNG image', hint: NOT_TEXT_HINT },
  },
  { magic: [0xff, 0xd8, 0xff], format: { name: 'a JPEG image', hint: NOT_TEXT_HINT } },
  { magic: ascii('%PDF-'), format: { name: 'a PDF document', hint: NOT_TEXT_HINT } },
  { magic: [0x1f, 0x8b], format: { name: 'a gzip archive', hint: NOT_TEXT_HINT } },
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    format: {
      name: 'an Excel 97-2003 workbook (or another old Office document)',
      hint: 'Write the assumptions as YAML text; examples/agency.yaml shows the format.',
    },
  },
];

const ZIP_MAGIC = [ascii('PK\u0003\u0004'), ascii('PK\u0005\u0006'), ascii('PK\u0007\u0008')];

/** Formats people save or attach by mistake, recognised by their first bytes. */
function knownBinaryFormat(bytes: Uint8Array): BinaryFormat | null {
  const signed = SIGNATURES.find((signature) => startsWith(bytes, signature.magic));
  if (signed !== undefined) {
    return signed.format;
  }

  if (!ZIP_MAGIC.some((magic) => startsWith(bytes, magic))) {
    return null;
  }

  // An Office file is a zip whose entry names tell the application.
  if (contains(bytes, ascii('xl/'))) {
    return {
      name: 'an Excel workbook (.xlsx)',
      hint: 'Write the assumptions as YAML text; examples/agency.yaml shows the format.',
    };
  }
  if (contains(bytes, ascii('word/'))) {
    return { name: 'a Word document (.docx)', hint: NOT_TEXT_HINT };
  }
  return { name: 'a ZIP archive', hint: NOT_TEXT_HINT };
}

function emptyProblem(file: string) {
  return problem({
    code: 'empty_file',
    file,
    message: `${capitalise(describeSource(file))} is empty.`,
    hint: 'Write the assumptions into it; examples/agency.yaml shows the format.',
  });
}

function utf16Problem(file: string, layout: Utf16Layout) {
  // Without a byte-order mark iconv must be told the byte order, or it guesses big-endian.
  const from = layout.hasBom ? 'UTF-16' : layout.label.replace(' ', '');
  return problem({
    code: 'encoding_utf16',
    file,
    message: `${capitalise(describeSource(file))} is encoded as ${layout.label}; funnel reads UTF-8.`,
    hint: conversionHint(file, from),
  });
}

function binaryFormatProblem(file: string, format: BinaryFormat) {
  return problem({
    code: 'binary_file',
    file,
    line: 1,
    col: 1,
    message: `${capitalise(describeSource(file))} is ${format.name}, not a YAML text file.`,
    hint: format.hint,
  });
}

function nulProblem(file: string, bytes: Uint8Array, offset: number) {
  const place = positionOf(bytes, offset);
  return problem({
    code: 'binary_file',
    file,
    line: place.line,
    col: place.col,
    message:
      `${capitalise(describeSource(file))} contains a NUL byte at line ${place.line}, ` +
      `column ${place.col}, so it is binary, not YAML text.`,
    hint: NOT_TEXT_HINT,
  });
}

function controlProblem(file: string, text: string, index: number) {
  const { line, col } = placeInText(text, index);
  const code = text.codePointAt(index)!.toString(16).toUpperCase().padStart(4, '0');
  return problem({
    code: 'control_character',
    file,
    line,
    col,
    message:
      `${capitalise(describeSource(file))} contains the invisible control character ` +
      `U+${code} at line ${line}, column ${col}.`,
    hint: 'Delete it; it often comes with text pasted from a terminal or a spreadsheet.',
  });
}

function notUtf8Problem(file: string, bytes: Uint8Array) {
  const offset = Math.max(firstInvalidUtf8(bytes), 0);

  if (looksLikeWindows1251(bytes)) {
    const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
    const lineEnd = bytes.indexOf(0x0a, offset);
    const lineBytes = bytes.subarray(lineStart, lineEnd === -1 ? bytes.length : lineEnd);
    const shown = shorten(new TextDecoder('windows-1251').decode(lineBytes).trim(), 80);
    const line = countByte(bytes, 0x0a, offset) + 1;
    return problem({
      code: 'encoding_windows_1251',
      file,
      line,
      col: offset - lineStart + 1,
      message:
        `${capitalise(describeSource(file))} is encoded as Windows-1251, not UTF-8; ` +
        `line ${line} reads "${shown}".`,
      hint: conversionHint(file, 'WINDOWS-1251'),
    });
  }

  const place = positionOf(bytes, offset);
  const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, '0');
  return problem({
    code: 'invalid_utf8',
    file,
    line: place.line,
    col: place.col,
    message:
      `${capitalise(describeSource(file))} is not valid UTF-8: byte 0x${byte} ` +
      `at line ${place.line}, column ${place.col} does not decode.`,
    hint: conversionHint(file, '<encoding>'),
  });
}

function conversionHint(file: string, from: string): string {
  if (file === '-') {
    return `Pipe it through iconv -f ${from} -t UTF-8 first, or save it as UTF-8 in your editor.`;
  }
  return (
    `Convert it with iconv -f ${from} -t UTF-8 ${shellQuote(file)} > ` +
    `${shellQuote(`${file}.utf8`)}, or save it as UTF-8 in your editor.`
  );
}

const WINDOWS_1251_HIGH = new TextDecoder('windows-1251').decode(
  Uint8Array.from({ length: 128 }, (_, index) => index + 0x80),
);

/**
 * Russian text in Windows-1251 is words of bytes above 0x7F that all decode to Cyrillic letters.
 * Requiring runs of two or more keeps a lone Latin-1 "é" (Cyrillic "й" in this code page) from
 * being taken for Russian.
 */
function looksLikeWindows1251(bytes: Uint8Array): boolean {
  const isLetter = (byte: number | undefined) =>
    byte !== undefined &&
    byte >= 0x80 &&
    /\p{Script=Cyrillic}/u.test(WINDOWS_1251_HIGH[byte - 0x80]!);

  let high = 0;
  let inWords = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      continue;
    }

    high += 1;
    if (isLetter(byte) && (isLetter(bytes[index - 1]) || isLetter(bytes[index + 1]))) {
      inWords += 1;
    }
  }

  return high > 0 && inWords >= high * 0.8;
}

/** 1-based line and column (in UTF-16 units, as the YAML parser counts) of a byte offset. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; col: number } {
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, offset));
  return placeInText(before, before.length);
}

/** 1-based line and column of a UTF-16 index in a text. */
function placeInText(text: string, index: number): { line: number; col: number } {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line += 1;
  }
  return { line, col: index - (text.lastIndexOf('\n', index - 1) + 1) + 1 };
}

function countByte(bytes: Uint8Array, byte: number, end: number): number {
  let count = 0;
  for (let index = 0; index < end; index += 1) {
    if (bytes[index] === byte) count += 1;
  }
  return count;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, index) => bytes[index] === byte);
}

function contains(bytes: Uint8Array, needle: number[]): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(Buffer.from(needle));
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
