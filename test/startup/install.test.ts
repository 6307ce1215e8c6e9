import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cachesIn,
  chmodTree,
  copyPackage,
  fileIdentity,
  makeWritableFolder,
  type InstalledCopy,
} from './installed-copy.js';
import { runsAsRoot } from '../support/nobody.js';
import { scratchFolder } from '../support/scratch.js';

const closed = scratchFolder('install-closed');

describe('funnel installed elsewhere', () => {
  let copy: InstalledCopy;
  beforeEach(() => {
    copy = copyPackage();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    copy.remove();
  });

  it('prints the same plan from another working directory as from its own folder', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'funnel-cwd-'));
    const example = join(copy.root, 'examples', 'agency.yaml');
    try {
      const fromPackage = copy.run(['plan', example]);

      const fromElsewhere = copy.run(['plan', example], { cwd: elsewhere });

      expect(fromPackage.status).toBe(0);
      expect(fromPackage.stdout.length).toBeGreaterThan(0);
      expect(fromElsewhere).toEqual(fromPackage);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('runs from a read-only package with nothing on stderr, caching in the user cache folder', () => {
    const writable = copy.run(['plan', 'examples/agency.yaml']);
    for (const name of cachesIn(copy.dist)) {
      rmSync(join(copy.dist, name));
    }
    chmodTree(copy.root, false);
    makeWritableFolder(copy.userCache);

    const first = copy.run(['plan', 'examples/agency.yaml'], { unprivileged: true });
    const caches = cachesIn(join(copy.userCache, 'funnel'));
    const cache = join(copy.userCache, 'funnel', caches[0] ?? '');
    const written = fileIdentity(cache);
    const second = copy.run(['plan', 'examples/agency.yaml'], { unprivileged: true });

    expect(first).toEqual(writable);
    expect(second).toEqual(writable);
    expect(cachesIn(copy.dist)).toEqual([]);
    expect(caches).toHaveLength(1);
    expect(fileIdentity(cache)).toBe(written);
  });

  it('runs from a read-only package with no writable cache folder at all, quietly', () => {
    const writable = copy.run(['plan', 'examples/agency.yaml'], {
      env: { FUNNEL_CODE_CACHE: '0' },
    });
    chmodTree(copy.root, false);

    const result = copy.run(['plan', 'examples/agency.yaml'], {
      unprivileged: true,
      env: { XDG_CACHE_HOME: join(copy.root, 'no-such-folder'), HOME: copy.root },
    });

    expect(result).toEqual(writable);
    expect(cachesIn(copy.dist)).toEqual([]);
  });

  // Only root can run the CLI as another user; for anyone else the case is the one above.
  it.skipIf(!runsAsRoot)(
    'runs read-only as the unprivileged user when TMPDIR is inside a folder closed to others',
    () => {
      // A scratch folder is made 0700, so one inside it is out of the unprivileged user's reach.
      const inside = join(closed, 'tmp');
      mkdirSync(inside, { recursive: true });
      vi.stubEnv('TMPDIR', inside);
      const hidden = copyPackage();
      try {
        chmodTree(hidden.root, false);

        const result = hidden.run(['--version'], { unprivileged: true });

        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
      } finally {
        hidden.remove();
      }
    },
  );

  it('answers --version from a read-only package', () => {
    chmodTree(copy.root, false);

    const result = copy.run(['--version'], { unprivileged: true });

    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});
