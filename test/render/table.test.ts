import colors from '@colors/colors/safe.js';
import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createTable } from '../../src/render/table.js';

/**
 * The table as cli-table3 draws it with the same style: the reference the reports were made with.
 * cli-table3 colours through @colors/colors, which decides for itself from the terminal and
 * FORCE_COLOR; it is told here, as createTable is, so the reference does not depend on where the
 * tests run.
 */
function reference(head: string[] | undefined, rows: string[][], color: boolean, right: number[]) {
  if (color) colors.enable();
  else colors.disable();
  const table = new Table({
    ...(head ? { head } : {}),
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) {
    table.push(
      row.map((cell, index) => (right.includes(index) ? { content: cell, hAlign: 'right' } : cell)),
    );
  }
  return table.toString();
}

// Latin, Cyrillic, the signs the reports print, CJK and emoji (two columns), a combining accent (none),
// and colour codes (none). Styles are closed within a cell, as chalk closes them; cli-table3
// would also close one left open, which no report does.
const piece = fc.constantFrom(
  'a',
  'Z',
  '7',
  ' ',
  '%',
  'ы',
  'Ж',
  '₽',
  '€',
  '✓',
  '✗',
  '—',
  '×',
  '中',
  '한',
  'ｱ',
  '🤝',
  '✅',
  'e\u0301',
  '\u001b[31mred\u001b[39m',
  '\u001b[1mbold\u001b[22m',
);
const cell = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

const tables = fc.integer({ min: 1, max: 5 }).chain((columns) =>
  fc.record({
    head: fc.option(fc.array(cell, { minLength: columns, maxLength: columns }), {
      nil: undefined,
    }),
    rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), {
      minLength: 1,
      maxLength: 6,
    }),
    color: fc.boolean(),
    right: fc.subarray(Array.from({ length: columns }, (_, i) => i)),
  }),
);

describe('createTable', () => {
  it('draws what cli-table3 draws for the same cells and style', () => {
    fc.assert(
      fc.property(tables, ({ head, rows, color, right }) => {
        const table = createTable({ ...(head ? { head } : {}), color, alignRight: right });
        rows.forEach((row) => table.push(row));
        expect(table.toString()).toBe(reference(head, rows, color, right));
      }),
      { numRuns: 400 },
    );
  });

  it('prints a cell of several lines on as many lines, the others blank', () => {
    const table = createTable({ color: false });
    table.push(['two\nlines', 'x']);
    expect(table.toString()).toBe(
      ['┌───────┬───┐', '│ two   │ x │', '│ lines │   │', '└───────┴───┘'].join('\n'),
    );
    expect(table.toString()).toBe(reference(undefined, [['two\nlines', 'x']], false, []));
  });

  it('right-aligns figures but not their heading, and colours only with colour on', () => {
    const plain = createTable({ head: ['Stage', 'N'], color: false, alignRight: [1] });
    plain.push(['deals', '1 250']);
    expect(plain.toString()).toBe(
      ['┌───────┬───────┐', '│ Stage │ N     │', '│ deals │ 1 250 │', '└───────┴───────┘'].join(
        '\n',
      ),
    );
    const coloured = createTable({ head: ['Stage'], color: true });
    coloured.push(['deals']);
    expect(coloured.toString()).toContain('\u001b[36m Stage \u001b[39m');
    expect(coloured.toString()).toContain('\u001b[90m│\u001b[39m deals \u001b[90m│\u001b[39m');
  });

  it('draws nothing for a table with no cells', () => {
    expect(createTable({ color: true }).toString()).toBe('');
  });
});
