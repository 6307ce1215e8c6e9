import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { planPeriod } from '../../src/calc/plan.js';
import { loadAssumptions, type Override } from '../../src/input/assumptions.js';
import { createFormatter, type Lang } from '../../src/render/format.js';
import { planToJson } from '../../src/render/plan.js';
import { planReport } from '../../src/render/report.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every example plan in examples/, as paths relative to the repository. */
export const EXAMPLE_PLANS = readdirSync(join(ROOT, 'examples'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => `examples/${name}`);

/** Loads and plans a file as `funnel plan` does, with its report and public JSON. */
export function planOf(file: string, options: { lang?: Lang; overrides?: Override[] } = {}) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const loaded = loadAssumptions(text, file, { overrides: options.overrides ?? [] });
  const plan = planPeriod(loaded.assumptions);
  const fmt = createFormatter(options.lang ?? 'en', loaded.assumptions.currency);
  const view = { assumptions: loaded.assumptions, plan, uncertain: loaded.uncertain };
  return {
    text,
    lines: text.split('\n'),
    loaded,
    plan,
    view,
    fmt,
    report: planReport(view, fmt),
    json: planToJson(view, fmt) as Record<string, unknown>,
  };
}

export function set(path: string, value: string): Override {
  return { path, value, origin: `--set ${path}=${value}` };
}

/**
 * Reads a figure key (`funnel.meetings.count`, `checks.ltv_to_cac`) from the
 * public JSON, finding array items by their stage, role or id.
 */
export function jsonAt(json: unknown, key: string): unknown {
  let current: unknown = json;
  for (const segment of splitKey(key)) {
    if (Array.isArray(current)) {
      current = current.find(
        (item: Record<string, unknown>) =>
          item.stage === segment || item.role === segment || item.id === segment,
      );
    } else if (current !== null && typeof current === 'object') {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Splits a key on dots; names with dots in them are not used by the examples. */
function splitKey(key: string): string[] {
  return key.split('.');
}
