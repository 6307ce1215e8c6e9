/**
 * `funnel schema`: the JSON Schema of an assumptions file, generated from the
 * zod schema that validates it, so that editors complete and check the same
 * file the tool reads. schema/assumptions.schema.json is this text, written by
 * scripts/schema.js.
 */

import type { Command } from 'commander';
import * as z from 'zod/mini';

import { assumptionsSchema } from '../input/schema.js';
import { writeOut } from './output.js';

/**
 * Draft-07, because editors' YAML support is reliable up to it, and the input
 * side of the schema, because that is what a person writes: `45%` as well as
 * 0.45, and defaults left out.
 */
export function assumptionsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(assumptionsSchema('RUB', { described: true }), {
    target: 'draft-07',
    io: 'input',
  }) as Record<string, unknown>;
}

export function assumptionsJsonSchemaText(): string {
  return `${JSON.stringify(assumptionsJsonSchema(), null, 2)}\n`;
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of an assumptions file (for editors and validators)')
    .addHelpText(
      'after',
      `
Editors with YAML support (VS Code with the YAML extension, JetBrains IDEs) complete and
check a file that starts with this comment:
  # yaml-language-server: $schema=node_modules/funnel/schema/assumptions.schema.json

Examples:
  $ funnel schema > assumptions.schema.json`,
    )
    .action(() => {
      writeOut(assumptionsJsonSchemaText());
    });
}
