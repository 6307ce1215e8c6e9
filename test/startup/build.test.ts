// The build run in a copy of the repository, so that its dist/ is this file's alone.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { scratchFolder } from '../support/scratch.js';
import { repo } from './installed-copy.js';

const root = join(scratchFolder('build'), 'repo');
const dist = join(root, 'dist');
const bundle = join(dist, 'funnel.cjs');

function build(): Promise<number | null> {
  const child = spawn(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'ignore' });
  return new Promise((resolve) => child.on('close', resolve));
}

/** What a reader finds at dist/funnel.cjs: missing, whole (its build line matches), or part. */
function readBundle(): 'missing' | 'whole' | 'part' {
  let text: Buffer;
  try {
    text = readFileSync(bundle);
  } catch {
    return 'missing';
  }
  const end = text.indexOf(0x0a);
  const stamp = /^\/\/ build ([0-9a-f]{16})$/.exec(text.toString('utf8', 0, end))?.[1];
  const digest = createHash('sha256')
    .update(text.subarray(end + 1))
    .digest('hex')
    .slice(0, 16);
  return stamp === digest ? 'whole' : 'part';
}

beforeAll(async () => {
  mkdirSync(root);
  for (const entry of ['src', 'scripts', 'package.json']) {
    cpSync(join(repo, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  expect(await build()).toBe(0);
}, 60_000);

describe('node scripts/build.js', () => {
  it('leaves a whole bundle in place all through a rebuild, for a reader polling beside it', async () => {
    const seen = { missing: 0, whole: 0, part: 0 };
    for (let round = 0; round < 3; round += 1) {
      let done = false;
      const finished = build().then((code) => {
        done = true;
        return code;
      });
      while (!done) {
        seen[readBundle()] += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(await finished).toBe(0);
    }

    expect(seen.whole).toBeGreaterThan(100);
    expect(seen).toMatchObject({ missing: 0, part: 0 });
  }, 60_000);

  it('removes the code caches of the bundle it replaces and leaves no temporary file', async () => {
    writeFileSync(join(dist, 'funnel-00000000-0000000000000000.v8cache'), 'an earlier build');

    expect(await build()).toBe(0);

    expect(readdirSync(dist).sort()).toEqual(['funnel.cjs', 'funnel.cjs.map']);
    expect(readBundle()).toBe('whole');
  }, 60_000);

  it('removes what a killed build left half-written, not the file of a build still running', async () => {
    // A process that has ended stands for the killed build; this test's own, for a running one.
    const ended = spawnSync(process.execPath, ['-e', '0']).pid;
    const killed = `funnel.cjs.${ended}.tmp`;
    const running = `funnel.cjs.${process.pid}.tmp`;
    writeFileSync(join(dist, killed), 'half a bundle');
    writeFileSync(join(dist, running), 'half a bundle');

    expect(await build()).toBe(0);

    expect(readdirSync(dist).sort()).toEqual(['funnel.cjs', running, 'funnel.cjs.map'].sort());
    rmSync(join(dist, running));
  }, 60_000);
});
