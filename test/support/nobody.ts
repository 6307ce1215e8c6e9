import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';

/**
 * The unprivileged user (nobody) that tests run as when they need file modes to count: root
 * ignores them, so a test run as root reads a file nobody may read.
 */
export const NOBODY = 65534;
export const runsAsRoot = process.getuid?.() === 0;

/** Whether others (and so NOBODY) may pass through every folder from the root down to `dir`. */
function othersCanReach(dir: string): boolean {
  for (let folder = resolve(dir); ; folder = dirname(folder)) {
    const mode = statSync(folder, { throwIfNoEntry: false })?.mode;
    if (mode === undefined || (mode & 0o001) === 0) {
      return false;
    }
    if (dirname(folder) === folder) {
      return true;
    }
  }
}

/**
 * Where to make folders NOBODY must reach: the system's temporary folder, unless TMPDIR sits
 * inside a folder closed to others (a 0700 home, say), and then /tmp.
 */
export function reachableTmpdir(): string {
  return othersCanReach(tmpdir()) ? tmpdir() : '/tmp';
}

const checked = new Set<string>();

/**
 * Fails at once, saying why, unless node runs as NOBODY and can read `file` that way; otherwise
 * every unprivileged run would fail alike with "Cannot find module" or EACCES.
 */
export function checkRunsAsNobody(file: string): void {
  if (checked.has(file)) {
    return;
  }
  const result = spawnSync(
    process.execPath,
    [
      '-e',
      'require("node:fs").accessSync(process.argv[1], require("node:fs").constants.R_OK)',
      file,
    ],
    { uid: NOBODY, gid: NOBODY, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    const reason =
      result.error?.message ??
      /^\w*Error\b.*$/m.exec(result.stderr)?.[0] ??
      `exit code ${result.status}`;
    throw new Error(
      `node cannot run as uid ${NOBODY} and read ${file} (${reason}); the tests that need file ` +
        `modes run as that user: give it a TMPDIR it can reach and a node it may run`,
    );
  }
  checked.add(file);
}
