/**
 * The one table style of the terminal reports: no rules between rows, cyan
 * headings and grey borders only when colour is on.
 */

import Table from 'cli-table3';

const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export type Cell = string | { content: string; hAlign: 'right' };

export interface TextTable {
  push(row: string[]): void;
  toString(): string;
}

/** A table whose columns listed in `alignRight` hold figures and line up on the right. */
export function createTable(options: {
  head?: string[];
  color: boolean;
  alignRight?: number[];
}): TextTable {
  const instance = new Table({
    ...(options.head ? { head: options.head } : {}),
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [] },
    chars: COMPACT,
  });
  const right = new Set(options.alignRight ?? []);
  return {
    push(row) {
      instance.push(
        row.map((cell, index): Cell =>
          right.has(index) ? { content: cell, hAlign: 'right' } : cell,
        ),
      );
    },
    toString: () => instance.toString(),
  };
}
