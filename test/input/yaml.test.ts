import { describe, expect, it } from 'vitest';

import { InputError, type InputProblem } from '../../src/model/problem.js';
import { parseYaml } from '../../src/input/yaml.js';

function problemsOf(text: string): InputProblem[] {
  try {
    parseYaml(text, 'plan.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error('expected the text to be refused');
}

function only(text: string): Pick<InputProblem, 'code' | 'line' | 'col' | 'message'> {
  const problems = problemsOf(text);
  expect(problems).toHaveLength(1);
  const { code, line, col, message } = problems[0] as InputProblem;
  return { code, line, col, message };
}

describe('parseYaml keeps every value as the text the user wrote', () => {
  it('reads yes, 012 and 0x10 as text, even under a %YAML 1.1 directive', () => {
    const { data } = parseYaml('%YAML 1.1\n---\na: yes\nb: 012\nc: 0x10\nd: ~\n', 'plan.yaml');
    expect(data).toEqual({ a: 'yes', b: '012', c: '0x10', d: null });
  });

  it('reads a file written as JSON', () => {
    const { data } = parseYaml('{"average_check": 180000, "funnel": [{"stage": "a"}]}', 'x');
    expect(data).toEqual({ average_check: '180000', funnel: [{ stage: 'a' }] });
  });

  it('gives the line and column of every key and value', () => {
    const { positions } = parseYaml('sales:\n  reps: 5\n', 'plan.yaml');
    expect(positions.get('sales.reps')).toEqual({
      key: { line: 2, col: 3 },
      value: { line: 2, col: 9 },
    });
  });
});

describe('parseYaml says where a quote or bracket opened', () => {
  it('points an unclosed double quote at the quote, not the end of the file', () => {
    expect(only('name: "Agency\nreps: 5\nchurn: 8%\n')).toEqual({
      code: 'unclosed_quote',
      line: 1,
      col: 7,
      message: 'the double quote " opened here is never closed',
    });
  });

  it('points an unclosed single quote inside a list item at the quote', () => {
    expect(only("roles:\n  - 'account manager\n  - lead\n").line).toBe(2);
  });

  it('points an unclosed [ at the bracket, not at the indentation of the next line', () => {
    expect(only('funnel: [attempts, deals\nreps: 5\n')).toEqual({
      code: 'unclosed_bracket',
      line: 1,
      col: 9,
      message: 'the list opened here with [ is never closed',
    });
  });

  it('names both places when a [ is closed with }', () => {
    const problems = problemsOf('a: {x: 1, y: [1, 2}\n');
    expect(problems.map((found) => [found.line, found.col, found.message])).toEqual([
      [1, 4, 'the mapping opened here with { is never closed'],
      [1, 14, 'the list opened here with [ is closed with } at line 1, column 19'],
    ]);
  });

  it('leaves a quote that holds an escaped quote alone', () => {
    expect(parseYaml('a: "say \\"hi\\""\nb: \'it\'\'s\'\n', 'x').data).toEqual({
      a: 'say "hi"',
      b: "it's",
    });
  });
});

describe('parseYaml refuses what would change meaning silently', () => {
  it('treats 1 and "1" as the same key', () => {
    expect(only('1: a\n"1": b\n')).toMatchObject({ code: 'duplicate_key', line: 2, col: 1 });
  });

  it('says a tag is not supported instead of dropping it', () => {
    expect(only('name: !!binary QWdlbmN5\n').message).toBe(
      'the tag !!binary is not supported in an assumptions file',
    );
    expect(only('a: !foo bar\n').message).toBe(
      'the tag !foo is not supported in an assumptions file',
    );
  });

  it('points an unsupported tag at the tag, not at the value after it', () => {
    expect(only('name: !!binary QWdlbmN5\n')).toMatchObject({ line: 1, col: 7 });
    expect(only('a: 1\nb: !foo\n  x: 1\n')).toMatchObject({ line: 2, col: 4 });
    expect(only('a: [1, &two !foo 2]\n')).toMatchObject({ line: 1, col: 13 });
    // Another node's tag between this one's and its value is passed over.
    expect(only('name: t\nsales: !foo\n  !!str reps: 5\n')).toMatchObject({ line: 2, col: 8 });
  });

  it('reports a tab in the indentation once, not the confusion that follows it', () => {
    expect(only('sales:\n\treps: 5\n\tcac: 1\n'.replace('\tcac', '  cac'))).toMatchObject({
      code: 'tab_indent',
      line: 2,
      col: 1,
    });
  });

  it('points a line indented deeper than its siblings at that line', () => {
    expect(only('sales:\n  reps: 5\n   cac: 1\n')).toMatchObject({
      code: 'bad_indent',
      line: 3,
      col: 4,
    });
  });

  it('refuses a list or a single value at the top', () => {
    expect(only('- a\n- b\n').code).toBe('not_a_mapping');
    expect(only('just text\n').code).toBe('not_a_mapping');
  });

  it('refuses a second document and says where it starts', () => {
    expect(only('a: 1\n---\nb: 2\n')).toMatchObject({ code: 'several_documents', line: 3 });
  });
});

describe('parseYaml resolves merge keys', () => {
  it('copies the keys of the merged mapping that the mapping does not set itself', () => {
    const text = 'base: &base {reps: 5, cac: 1}\nsales:\n  <<: *base\n  cac: 2\n';
    expect(parseYaml(text, 'x').data.sales).toEqual({ reps: '5', cac: '2' });
  });

  it('lets the first of several merged mappings win', () => {
    const text = 'a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n';
    expect(parseYaml(text, 'x').data.c).toEqual({ x: '1', y: '2' });
  });

  it('places a key the mapping sets itself on its own line, not on the merged one', () => {
    const text = 'base: &base\n  reps: 5\n  cac: 1\nsales:\n  <<: *base\n  cac: 2\n';
    const { positions } = parseYaml(text, 'x');
    expect(positions.get('sales.cac')).toEqual({
      key: { line: 6, col: 3 },
      value: { line: 6, col: 8 },
    });
    expect(positions.get('sales.reps')?.value).toEqual({ line: 2, col: 9 });
  });

  it('places a key written in several merged mappings where the first of them sets it', () => {
    const text = 'a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n';
    const { positions } = parseYaml(text, 'x');
    expect(positions.get('c.x')?.value).toEqual({ line: 1, col: 11 });
    expect(positions.get('c.y')?.value).toEqual({ line: 2, col: 17 });
  });

  it('keeps no position from a merged mapping under a key the mapping replaces', () => {
    const text = 'base: &base {costs: {tools: 1}}\nsales:\n  <<: *base\n  costs: {payroll: 2}\n';
    const { data, positions } = parseYaml(text, 'x');
    expect(data.sales).toEqual({ costs: { payroll: '2' } });
    expect(positions.has('sales.costs.tools')).toBe(false);
    expect(positions.get('sales.costs.payroll')?.value.line).toBe(4);
  });

  it('refuses a merge of something that is not a mapping', () => {
    expect(only('sales:\n  <<: 5\n').code).toBe('bad_merge');
  });
});

describe('parseYaml fails fast on files built to exhaust it', () => {
  // Each bound below is the work done, not the time taken, which a busy machine stretches; the
  // time bounds only catch a hang.
  it('refuses a billion laughs where its expansion passes 100 000 values, at level 5 of 9', () => {
    const levels = Array.from(
      { length: 9 },
      (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`,
    );
    const text = `l0: &l0 [lol]\n${levels.join('\n')}\n`;

    const started = performance.now();
    const found = only(text);
    const took = performance.now() - started;

    expect(found.code).toBe('too_complex');
    // l5 on line 6 is the first level with 10^5 values; l6..l9 are never expanded.
    expect(found).toMatchObject({ line: 6, col: 9 });
    expect(took).toBeLessThan(5_000);
  });

  it('refuses 10 000 nested brackets at once, at the bracket that goes too deep', () => {
    const started = performance.now();
    const found = only(`a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(found).toMatchObject({ code: 'too_complex', line: 1, col: 68 });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses an alias that contains itself', () => {
    expect(only('a: &a [*a]\n').code).toBe('too_complex');
  });
});
