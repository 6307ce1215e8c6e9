import { afterEach, describe, expect, it, vi } from 'vitest';

import { copyPackage } from '../startup/installed-copy.js';
import { cliEnv, runCli, runCliAsync } from './cli.js';

const PLAN = ['plan', 'examples/agency.yaml'];
const ENGLISH = 'Digital agency, Q1: plan for a quarter (13 weeks)';
const RUSSIAN = 'Digital agency, Q1: план на квартал (13 нед.)';

const firstLine = (text: string) => text.split('\n')[0];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the CLI as the tests run it', () => {
  it.each(['LC_ALL', 'LC_MESSAGES', 'LANG'])(
    'writes English when the shell sets %s to ru_RU.UTF-8',
    async (name) => {
      vi.stubEnv(name, 'ru_RU.UTF-8');

      const sync = runCli(PLAN);
      const background = await runCliAsync(PLAN);
      const copy = copyPackage();
      const installed = copy.run(PLAN);
      copy.remove();

      expect(firstLine(sync.stdout)).toBe(ENGLISH);
      expect(firstLine(background.stdout)).toBe(ENGLISH);
      expect(firstLine(installed.stdout)).toBe(ENGLISH);
    },
    30_000,
  );

  it('writes Russian when the test itself sets LANG, with LC_ALL set in the shell', async () => {
    vi.stubEnv('LC_ALL', 'en_US.UTF-8');

    const run = await runCliAsync(PLAN, { env: { LANG: 'ru_RU.UTF-8' } });

    expect(firstLine(run.stdout)).toBe(RUSSIAN);
  });

  it('is without colour unless the test asks, and keeps the rest of the environment', () => {
    vi.stubEnv('FORCE_COLOR', '1');
    vi.stubEnv('FUNNEL_TEST_MARK', 'kept');

    expect(cliEnv()).toMatchObject({ NO_COLOR: '1', FORCE_COLOR: undefined, LANG: 'C' });
    expect(cliEnv().FUNNEL_TEST_MARK).toBe('kept');
    expect(cliEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' })).toMatchObject({
      NO_COLOR: undefined,
      FORCE_COLOR: '1',
    });
  });

  it('hands the input to standard input and reads the exit code', async () => {
    const text = 'average_check: 0\n';

    const run = await runCliAsync(['plan', '-'], { input: text });

    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      '-:1:16: error: average_check must be above zero: client-months are revenue divided by it (key: average_check)',
    );
  });
});
