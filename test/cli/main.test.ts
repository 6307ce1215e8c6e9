import { describe, expect, it } from 'vitest';

import { runCli } from '../support/cli.js';

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

  it('exits 0 for funnel help help, which the help lists as help [command]', () => {
    const run = runCli(['help', 'help']);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).toContain('help [command]');
    expect(run.stderr).not.toContain('unknown command');
  });
});

describe('one output format, chosen the same way for results and errors: --json wins', () => {
  const missing = ['plan', 'examples/no-such-plan.yaml'];

  it('writes the plan as JSON for --format csv --json', () => {
    const run = runCli(['plan', 'examples/agency.yaml', '--format', 'csv', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).ok).toBe(true);
  });

  it('reports a missing file as JSON alone, no ::error line, for --format github --json', () => {
    const run = runCli([...missing, '--format', 'github', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).not.toContain('::error');
    expect(JSON.parse(run.stdout).errors[0].code).toBe('file_not_found');
  });

  it('reports it as ::error lines only when the last --format is github', () => {
    const run = runCli([...missing, '--format', 'json', '--format', 'github']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error file=examples\/no-such-plan\.yaml,/);
    expect(run.stdout.split('\n').filter((line) => line !== '' && !line.startsWith('::'))).toEqual(
      [],
    );
  });

  it('reports it as JSON when the last --format is json', () => {
    const run = runCli([...missing, '--format', 'github', '--format', 'json']);
    expect(JSON.parse(run.stdout).ok).toBe(false);
  });

  it('reads an unknown flag the same way, before the options are parsed', () => {
    const json = runCli([...missing, '--format', 'github', '--json', '--colr']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).errors[0].code).toBe('unknown_option');
    const github = runCli([...missing, '--format', 'json', '--format', 'github', '--colr']);
    expect(github.code).toBe(2);
    expect(github.stdout).toBe('');
  });
});
