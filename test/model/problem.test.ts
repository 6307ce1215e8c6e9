import { describe, expect, it } from 'vitest';

import { byPlace, problem } from '../../src/model/problem.js';

/** A problem at file:line:col, named by where it is. */
function at(file: string | null, line: number | null = null, col: number | null = null) {
  return problem({ code: 'code', message: `${file}:${line}:${col}`, file, line, col });
}

describe('byPlace orders problems as a reader meets them', () => {
  it('goes by file, then line, then column', () => {
    const problems = [at('b.yaml', 1, 1), at('a.yaml', 9, 2), at('a.yaml', 9, 1), at('a.yaml', 3)];

    expect(problems.sort(byPlace).map((found) => found.message)).toEqual([
      'a.yaml:3:null',
      'a.yaml:9:1',
      'a.yaml:9:2',
      'b.yaml:1:1',
    ]);
  });

  it("puts a problem with no line after its file's lines, and one with no file last", () => {
    const problems = [at(null), at('plan.yaml'), at('plan.yaml', 12, 3), at('plan.yaml', 2, 5)];

    expect(problems.sort(byPlace).map((found) => found.message)).toEqual([
      'plan.yaml:2:5',
      'plan.yaml:12:3',
      'plan.yaml:null:null',
      'null:null:null',
    ]);
  });
});
