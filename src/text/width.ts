/**
 * How many terminal columns a string takes. Colour codes take none; combining
 * marks and control characters take none; East Asian wide and full-width
 * characters (CJK, Hangul, full-width forms) take two; everything else one.
 * Names that users type (plans, scenarios, clients) may be in any script, so
 * tables stay aligned for them too.
 */

/** Escape sequences a terminal does not print: CSI (colours, cursor) and OSC (links, titles). */
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Inclusive code point ranges that print two columns wide (Unicode East Asian Width W and F). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2329, 0x232a], // angle brackets
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x3247], // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun
  [0x3250, 0x4dbf], // enclosed CJK, CJK compatibility, CJK extension A
  [0x4e00, 0xa4c6], // CJK unified ideographs, Yi
  [0xa960, 0xa97c], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6b], // CJK compatibility forms, small form variants
  [0xff01, 0xff60], // full-width forms
  [0xffe0, 0xffe6], // full-width signs
  [0x1b000, 0x1b001], // Kana supplement
  [0x1f200, 0x1f251], // enclosed ideographic supplement
  [0x20000, 0x3fffd], // CJK extensions B and later
];

/** Inclusive ranges of combining marks, which sit on the character before them. */
const COMBINING: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x200b, 0x200f], // zero-width space and joiners, direction marks
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f], // variation selectors
  [0xfe20, 0xfe2f],
];

function within(ranges: readonly (readonly [number, number])[], code: number): boolean {
  for (const [from, to] of ranges) {
    if (code < from) {
      return false;
    }
    if (code <= to) {
      return true;
    }
  }
  return false;
}

function columnsOf(code: number): number {
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
    return 0;
  }
  if (code < 0x0300) {
    return 1;
  }
  if (within(COMBINING, code)) {
    return 0;
  }
  return within(WIDE, code) ? 2 : 1;
}

/** The string without the escape sequences a terminal does not print. */
export function stripEscapes(text: string): string {
  return text.includes('\u001b') ? text.replace(ESCAPES, '') : text;
}

export function displayWidth(text: string): number {
  const visible = stripEscapes(text);
  let width = 0;
  for (let i = 0; i < visible.length; i += 1) {
    const code = visible.codePointAt(i) as number;
    if (code > 0xffff) {
      i += 1;
    }
    width += columnsOf(code);
  }
  return width;
}
