import { beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../support/cli.js';
import { ensureBuilt } from './built.js';

beforeAll(ensureBuilt);

describe('help the user asked for exits 0', () => {
  it.each([[['--help']], [['help']], [['help', 'plan']], [['plan', '--help']]])(
    'funnel %j prints help on stdout',
    (args) => {
      const run = runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: funnel');
      expect(run.stderr).toBe('');
    },
  );
});

describe('help shown for want of a command is a usage error', () => {
  it('exits 2 for a bare funnel, with the help on stderr and nothing on stdout', () => {
    const run = runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: funnel [options] [command]');
  });

  it('exits 2 for a help topic that is not a command, and names the nearest', () => {
    const run = runCli(['help', 'pla']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("error: unknown command 'pla'\n(Did you mean plan?)\n");
  });

  it('exits 2 for funnel help nosuch', () => {
    const run = runCli(['help', 'nosuch']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown command 'nosuch'\n");
  });
});
