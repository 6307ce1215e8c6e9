import { describe, expect, it } from 'vitest';

import { parseCsv, records } from './csv.js';

describe('the CSV reader of the tests', () => {
  it('reads quoted fields with commas, doubled quotes and line ends, CRLF or LF', () => {
    expect(parseCsv('a,"b, ""c""\r\nd"\r\n1,2\n')).toEqual([
      ['a', 'b, "c"\r\nd'],
      ['1', '2'],
    ]);
  });

  it('keys each row by the header, with an empty string for a missing cell', () => {
    expect(records('section,key,value\nplan,ltv,1012500\nchecks,ok\n')).toEqual([
      { section: 'plan', key: 'ltv', value: '1012500' },
      { section: 'checks', key: 'ok', value: '' },
    ]);
  });
});
