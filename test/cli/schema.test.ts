import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { assumptionsJsonSchema, assumptionsJsonSchemaText } from '../../src/cli/schema.js';
import { EXAMPLE_PLANS } from '../render/plan-fixture.js';
import { ROOT, runCli } from '../support/cli.js';

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  required?: string[];
  enum?: string[];
}

/** Keys of a value the schema does not allow, or whose kind it does not accept. */
function misfits(value: unknown, node: SchemaNode, path: string): string[] {
  if (Array.isArray(value)) {
    return node.items ? value.flatMap((item, i) => misfits(item, node.items!, `${path}.${i}`)) : [];
  }
  if (value !== null && typeof value === 'object') {
    const found: string[] = [];
    for (const [key, child] of Object.entries(value)) {
      const known = node.properties?.[key];
      if (known) {
        found.push(...misfits(child, known, `${path}.${key}`));
      } else if (node.additionalProperties === false) {
        found.push(`${path}.${key}`);
      }
    }
    for (const key of node.required ?? []) {
      if (!(key in value)) {
        found.push(`${path}.${key} (missing)`);
      }
    }
    return found;
  }
  const types = [node.type ?? []].flat();
  const kind = typeof value;
  return types.length === 0 || types.includes(kind) ? [] : [`${path} (${kind})`];
}

describe('funnel schema', () => {
  it('is the committed schema/assumptions.schema.json; run npm run schema when this fails', () => {
    const committed = readFileSync(join(ROOT, 'schema', 'assumptions.schema.json'), 'utf8');
    expect(committed).toBe(assumptionsJsonSchemaText());
  });

  it('prints the same text from the built CLI and exits 0', () => {
    const run = runCli(['schema']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(assumptionsJsonSchemaText());
  });

  it('is draft-07, closed to unknown keys and requires the eight keys every plan needs', () => {
    const schema = assumptionsJsonSchema() as SchemaNode & { $schema?: string };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual([
      'revenue_target',
      'average_check',
      'gross_margin',
      'contract_months',
      'churn_monthly',
      'funnel',
      'sales',
      'delivery',
    ]);
    expect([...(schema.properties?.gross_margin?.type ?? [])].sort()).toEqual(['number', 'string']);
  });

  it.each(EXAMPLE_PLANS)('accepts every key and value of %s', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(misfits(parse(text), assumptionsJsonSchema() as SchemaNode, '')).toEqual([]);
  });

  it.each(EXAMPLE_PLANS)('is named at the top of %s for the YAML language server', (file) => {
    const first = readFileSync(join(ROOT, file), 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=../schema/assumptions.schema.json');
  });

  it('finds an unknown key in a file, as the validator would', () => {
    const found = misfits(
      { average_cheque: 1, sales: { rep: 5 } },
      assumptionsJsonSchema() as SchemaNode,
      '',
    );
    expect(found).toEqual(expect.arrayContaining(['.average_cheque', '.sales.rep']));
  });
});
