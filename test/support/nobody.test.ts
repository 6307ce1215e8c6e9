import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { checkRunsAsNobody, reachableTmpdir, runsAsRoot } from './nobody.js';
import { scratchFolder } from './scratch.js';

const open = scratchFolder('nobody', { everyone: true });
const closed = scratchFolder('nobody-closed');

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('reachableTmpdir', () => {
  it('is TMPDIR when others may pass through every folder above it', () => {
    vi.stubEnv('TMPDIR', open);

    expect(reachableTmpdir()).toBe(open);
  });

  it('is /tmp when TMPDIR is inside a folder closed to others (0700)', () => {
    const inside = join(closed, 'tmp');
    mkdirSync(inside, { recursive: true, mode: 0o777 });
    vi.stubEnv('TMPDIR', inside);

    expect(reachableTmpdir()).toBe('/tmp');
  });
});

describe.skipIf(!runsAsRoot)('checkRunsAsNobody', () => {
  it('passes for a file the unprivileged user can read', () => {
    const file = join(open, 'readable.txt');
    writeFileSync(file, 'x', { mode: 0o644 });

    expect(() => checkRunsAsNobody(file)).not.toThrow();
  });

  it('fails at once, naming the user, the file and what to do, when it cannot', () => {
    const file = join(closed, 'hidden.txt');
    writeFileSync(file, 'x', { mode: 0o644 });

    expect(() => checkRunsAsNobody(file)).toThrow(
      new RegExp(`^node cannot run as uid 65534 and read ${file} \\(.+\\); .*give it a TMPDIR`),
    );
  });
});
