import { ensureBuilt } from '../cli/built.js';

/**
 * Builds the CLI once, before any test file starts, when dist/ is older than src/: the CLI and
 * start-up tests run bin/funnel.js, and a `vitest run` of a few files after an edit would
 * otherwise test an earlier build. `npm test` builds first, so there the bundle is found fresh
 * and nothing is built twice.
 */
export function setup(): void {
  ensureBuilt();
}
