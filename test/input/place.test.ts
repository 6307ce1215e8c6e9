import { describe, expect, it } from 'vitest';

import { describeRaw, keyPlace, problemAt, rawAt } from '../../src/input/place.js';
import { parseYaml } from '../../src/input/yaml.js';

const document = parseYaml('name: Agency\nsales:\n  reps: five\n', 'plan.yaml');

/** Where problemAt points for a key path, as file:line:col and key path. */
function placeOf(path: (string | number)[], onKey = false) {
  const found = problemAt(document, path, 'code', 'message', null, onKey);
  return { at: `${found.file}:${found.line}:${found.col}`, path: found.path };
}

describe('problemAt places a problem as an assumptions file and a deal file both do', () => {
  it('points at the value of a key the file writes', () => {
    expect(placeOf(['sales', 'reps'])).toEqual({ at: 'plan.yaml:3:9', path: 'sales.reps' });
  });

  it('points at the key itself when the key is the problem', () => {
    expect(placeOf(['sales', 'reps'], true)).toEqual({ at: 'plan.yaml:3:3', path: 'sales.reps' });
  });

  it('points a key the file does not write at the nearest enclosing key, with its own path', () => {
    expect(placeOf(['sales', 'cac'])).toEqual({ at: 'plan.yaml:2:1', path: 'sales.cac' });
  });

  it('gives a key path outside every key no line, and the document no key path', () => {
    expect(placeOf(['funnel'])).toEqual({ at: 'plan.yaml:null:null', path: 'funnel' });
    expect(placeOf([])).toEqual({ at: 'plan.yaml:null:null', path: null });
  });

  it('names the override that wrote a value, which has no line in the file', () => {
    const positions = new Map(document.positions);
    positions.set('churn_monthly', {
      value: { line: 0, col: 0 },
      key: null,
      origin: '--set churn_monthly=10%',
    });

    expect(
      problemAt({ file: 'plan.yaml', positions }, ['churn_monthly'], 'bad_number', 'bad'),
    ).toMatchObject({ line: null, col: null, message: 'bad (from --set churn_monthly=10%)' });
  });
});

describe('keyPlace points a report at a key, as GitHub annotations and explain do', () => {
  it('gives a key the file writes its own line, exactly', () => {
    expect(keyPlace(document, ['sales', 'reps'])).toEqual({
      line: 3,
      col: 3,
      origin: null,
      exact: true,
    });
  });

  it('gives a key the file leaves out the nearest enclosing key, not exactly', () => {
    expect(keyPlace(document, ['sales', 'cac'])).toEqual({
      line: 2,
      col: 1,
      origin: null,
      exact: false,
    });
  });

  it('gives a key an override wrote no line, and names the override', () => {
    const positions = new Map(document.positions);
    positions.set('churn_monthly', { value: { line: 0, col: 0 }, key: null, origin: '--set x' });
    expect(keyPlace({ positions }, ['churn_monthly'])).toEqual({
      line: null,
      col: null,
      origin: '--set x',
      exact: true,
    });
  });
});

describe('describeRaw names what a file holds in one wording for every file', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'an empty value'],
    [['5'], 'a list'],
    [{ count: '5' }, 'a mapping of keys'],
    ['five', '"five"'],
  ])('%j reads as %s', (raw, wording) => {
    expect(describeRaw(raw)).toBe(wording);
  });
});

describe('rawAt', () => {
  const data = parseYaml('sales:\n  reps: five\nfunnel:\n  - stage: calls\n', 'plan.yaml').data;

  it('reads a key path through mappings and list items', () => {
    expect(rawAt(data, ['sales', 'reps'])).toBe('five');
    expect(rawAt(data, ['funnel', 0, 'stage'])).toBe('calls');
  });

  it('gives undefined past a value that holds no keys, or a key that is not there', () => {
    expect(rawAt(data, ['sales', 'reps', 'x'])).toBeUndefined();
    expect(rawAt(data, ['funnel', 3, 'stage'])).toBeUndefined();
    expect(rawAt(data, ['delivery'])).toBeUndefined();
  });
});
