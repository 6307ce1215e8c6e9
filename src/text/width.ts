/**
 * How many terminal columns a string takes. Colour codes take none; combining
 * marks and control characters take none; East Asian wide and full-width
 * characters (CJK, Hangul, full-width forms, emoji) take two, and so does a character
 * that a variation selector asks to show as emoji (⚠️); everything else one.
 * Names that users type (plans, scenarios, clients) may be in any script, so
 * tables stay aligned for them too.
 */

/** Escape sequences a terminal does not print: CSI (colours, cursor) and OSC (links, titles). */
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Inclusive code point ranges that print two columns wide (Unicode East Asian Width W and F). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x231a, 0x231b], // watch, hourglass
  [0x2329, 0x232a], // angle brackets
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653], // zodiac
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705], // white heavy check mark
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c], // cross mark
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
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
  [0x1f004, 0x1f004], // mahjong tile
  [0x1f0cf, 0x1f0cf], // playing card
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a], // squared words: OK, NEW, UP…
  [0x1f200, 0x1f251], // enclosed ideographic supplement
  [0x1f300, 0x1f320], // emoji: weather, places, food, objects, faces, people, transport…
  [0x1f32d, 0x1f335],
  [0x1f337, 0x1f37c],
  [0x1f37e, 0x1f393],
  [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3],
  [0x1f3e0, 0x1f3f0],
  [0x1f3f4, 0x1f3f4],
  [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc],
  [0x1f4ff, 0x1f53d],
  [0x1f54b, 0x1f54e],
  [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a],
  [0x1f595, 0x1f596],
  [0x1f5a4, 0x1f5a4],
  [0x1f5fb, 0x1f64f],
  [0x1f680, 0x1f6c5],
  [0x1f6cc, 0x1f6cc],
  [0x1f6d0, 0x1f6d2],
  [0x1f6d5, 0x1f6d7],
  [0x1f6dc, 0x1f6df],
  [0x1f6eb, 0x1f6ec],
  [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb],
  [0x1f7f0, 0x1f7f0],
  [0x1f90c, 0x1f93a],
  [0x1f93c, 0x1f945],
  [0x1f947, 0x1f9ff],
  [0x1fa70, 0x1faff], // symbols and pictographs extended A
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

/** U+FE0F after a character asks for its emoji form, which terminals draw two columns wide. */
const EMOJI_PRESENTATION = 0xfe0f;

export function displayWidth(text: string): number {
  const visible = stripEscapes(text);
  let width = 0;
  for (let i = 0; i < visible.length; i += 1) {
    const code = visible.codePointAt(i) as number;
    if (code > 0xffff) {
      i += 1;
    }
    const columns = columnsOf(code);
    width += columns === 1 && visible.charCodeAt(i + 1) === EMOJI_PRESENTATION ? 2 : columns;
  }
  return width;
}
