import { describe, expect, it } from 'vitest';

import { displayWidth, stripEscapes } from '../../src/text/width.js';

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['Revenue target', 14],
    ['Выручка за период', 17],
    ['₽18 000 000', 11],
    ['✓ ✗ — ×', 7],
    ['中文', 4],
    ['한국어', 6],
    ['ＡＢ', 4],
    ['ｱｲ', 2],
    ['e\u0301', 1],
    ['a\u200bb', 2],
    ['𠀀', 2],
    ['🤝', 2],
    ['meetings 🤝', 11],
    ['✅ ❌', 5],
    ['🥲', 2],
    ['⚠️', 2],
    ['⚠', 1],
    ['\u001b[31mFAIL\u001b[39m', 4],
    ['\u001b]8;;https://example.com\u0007link\u001b]8;;\u0007', 4],
    ['tab\there', 7],
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('stripEscapes', () => {
  it('removes colour codes and leaves the text', () => {
    expect(stripEscapes('\u001b[1m\u001b[31mREJECT\u001b[39m\u001b[22m: price')).toBe(
      'REJECT: price',
    );
  });
});
