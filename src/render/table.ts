/**
 * The one table style of the terminal reports: box borders, no rules between
 * rows, cyan headings and grey borders only when colour is on.
 *
 * Drawn here rather than by a table library: this is all the reports need,
 * and loading and configuring a general one cost more than a quarter of the
 * start-up time that `funnel plan` adds to Node's own.
 */

import { displayWidth } from '../text/width.js';

const CYAN = ['\u001b[36m', '\u001b[39m'] as const;
const GREY = ['\u001b[90m', '\u001b[39m'] as const;

export interface TextTable {
  push(row: string[]): void;
  toString(): string;
}

interface Line {
  text: string;
  width: number;
}

/** A cell as the lines it prints, each with its width. */
function linesOf(cell: string): Line[] {
  return cell.split(/\r?\n/).map((text) => ({ text, width: displayWidth(text) }));
}

/** A table whose columns listed in `alignRight` hold figures and line up on the right. */
export function createTable(options: {
  head?: string[];
  color: boolean;
  alignRight?: number[];
}): TextTable {
  const right = new Set(options.alignRight ?? []);
  const rows: string[][] = [];
  // A colour closed inside the text (a red word in a heading) reopens the outer one after it.
  const paint = ([open, close]: readonly [string, string], text: string) =>
    options.color ? `${open}${text.split(close).join(open)}${close}` : text;

  function render(): string {
    const head = options.head ?? [];
    const all = head.length > 0 ? [head, ...rows] : rows;
    const columns = Math.max(0, ...all.map((row) => row.length));
    if (columns === 0) {
      return '';
    }
    const cells = all.map((row) =>
      Array.from({ length: columns }, (_, index) => linesOf(row[index] ?? '')),
    );
    const widths = Array.from({ length: columns }, (_, index) =>
      Math.max(...cells.map((row) => Math.max(...(row[index] as Line[]).map((l) => l.width)))),
    );

    const rule = (left: string, middle: string, end: string) =>
      widths
        .map((width, index) => {
          const start = index === 0 ? left : middle;
          const close = index === columns - 1 ? end : '';
          return paint(GREY, `${start}${'─'.repeat(width + 2)}${close}`);
        })
        .join('');
    const bar = paint(GREY, '│');

    const out = [rule('┌', '┬', '┐')];
    cells.forEach((row, rowIndex) => {
      const isHead = head.length > 0 && rowIndex === 0;
      const height = Math.max(...row.map((lines) => lines.length));
      for (let lineIndex = 0; lineIndex < height; lineIndex += 1) {
        const printed = row.map((lines, index) => {
          const line = lines[lineIndex] ?? { text: '', width: 0 };
          const gap = ' '.repeat((widths[index] as number) - line.width);
          const aligned = !isHead && right.has(index) ? `${gap}${line.text}` : `${line.text}${gap}`;
          return isHead ? paint(CYAN, ` ${aligned} `) : ` ${aligned} `;
        });
        out.push(`${bar}${printed.join(bar)}${bar}`);
      }
    });
    out.push(rule('└', '┴', '┘'));
    return out.join('\n');
  }

  return {
    push(row) {
      rows.push(row);
    },
    toString: render,
  };
}
