import { execFile, spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

import { InputError, type InputProblem } from '../../src/model/problem.js';
import { nearestName, readSource } from '../../src/input/read.js';
import { checkRunsAsNobody, NOBODY, runsAsRoot } from '../support/nobody.js';
import { scratchFolder } from '../support/scratch.js';

const dir = scratchFolder('read');

async function fileWith(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** The single problem of the InputError the promise rejects with. */
async function problemOf(promise: Promise<unknown>): Promise<InputProblem> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(InputError);
  const problems = (error as InputError).problems;
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

const WINDOWS_1251_BYTE = new Map(
  [...new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i))].map(
    (char, byte) => [char, byte],
  ),
);

function windows1251(text: string): Buffer {
  return Buffer.from([...text].map((char) => WINDOWS_1251_BYTE.get(char)!));
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** A folder every user can reach, for the reads made in a child as another user. */
const shared = scratchFolder('read-shared', { everyone: true });

interface ChildRead {
  source?: unknown;
  problems?: InputProblem[];
}

let reader: Promise<string> | undefined;

/** read.ts bundled into one script that reads its argument and prints the outcome as JSON. */
function bundledReader(): Promise<string> {
  reader ??= (async () => {
    const script = join(shared, 'read-one.mjs');
    const entry = fileURLToPath(new URL('../../src/input/read.ts', import.meta.url));
    await build({
      stdin: {
        contents: [
          `import { readSource } from ${JSON.stringify(entry)};`,
          'try {',
          '  const source = await readSource(process.argv[2]);',
          '  process.stdout.write(JSON.stringify({ source }));',
          '} catch (error) {',
          '  process.stdout.write(JSON.stringify({ problems: error.problems }));',
          '}',
        ].join('\n'),
        resolveDir: shared,
        loader: 'ts',
      },
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    });
    return script;
  })();
  return reader;
}

/**
 * Reads a path in another node process: as the unprivileged user, or through bash's
 * `<(cat path)`, which the reader sees as /dev/fd/63.
 */
async function readInChild(
  path: string,
  how: { asNobody?: boolean; throughBash?: boolean },
): Promise<ChildRead> {
  const script = await bundledReader();
  if (how.asNobody) {
    checkRunsAsNobody(script);
  }
  const [command, args] = how.throughBash
    ? ['bash', ['-c', 'exec "$0" "$1" <(cat "$2")', process.execPath, script, path]]
    : [process.execPath, [script, path]];
  const { stdout } = await promisify(execFile)(
    command,
    args,
    how.asNobody ? { uid: NOBODY, gid: NOBODY } : {},
  );
  return JSON.parse(stdout) as ChildRead;
}

const hasMkfifo = spawnSync('sh', ['-c', 'command -v mkfifo']).status === 0;
const hasBash = spawnSync('sh', ['-c', 'command -v bash']).status === 0;
const isLinux = process.platform === 'linux';

// Tests that start another program (esbuild, sh, bash, node) can take seconds on a busy machine.
const CHILD_PROCESS_TIMEOUT = 30_000;

describe('a file that can be read', () => {
  it('returns its text, with the name as given and no mark stripped', async () => {
    const path = await fileWith('plain.yaml', 'price: 120000\n');

    expect(await readSource(path)).toEqual({
      file: path,
      text: 'price: 120000\n',
      bomStripped: false,
    });
  });

  it('reads a path with spaces and Cyrillic letters', async () => {
    const path = await fileWith('мой план 2025.yaml', 'название: Агентство\n');

    const source = await readSource(path);

    expect(source.text).toBe('название: Агентство\n');
  });

  it('strips a UTF-8 byte-order mark and says so, so columns on line 1 stay right', async () => {
    const path = await fileWith('bom.yaml', Buffer.from('\ufeffprice: 1\n', 'utf8'));

    const source = await readSource(path);

    expect(source.text).toBe('price: 1\n');
    expect(source.bomStripped).toBe(true);
  });

  it('keeps CRLF line ends for the YAML parser', async () => {
    const path = await fileWith('crlf.yaml', 'a: 1\r\nb: 2\r\n');

    expect((await readSource(path)).text).toBe('a: 1\r\nb: 2\r\n');
  });

  it('accepts a file of exactly maxBytes and rejects one byte more', async () => {
    const exact = await fileWith('ten.yaml', 'a: 1234567');
    const over = await fileWith('eleven.yaml', 'a: 12345678');

    expect((await readSource(exact, { maxBytes: 10 })).text).toBe('a: 1234567');
    expect((await problemOf(readSource(over, { maxBytes: 10 }))).code).toBe('file_too_large');
  });

  it.skipIf(!isLinux)(
    'does not trust the reported size: /proc/self/status reports 0 bytes but has text',
    async () => {
      const source = await readSource('/proc/self/status');

      expect(source.text.startsWith('Name:')).toBe(true);
    },
  );
});

describe('a file that cannot be used', () => {
  it('is file_not_found, suggesting the same name with .yml and .yaml swapped', async () => {
    await fileWith('swap.yaml', 'a: 1\n');
    const missing = join(dir, 'swap.yml');

    const found = await problemOf(readSource(missing));

    expect(found).toMatchObject({ code: 'file_not_found', file: missing, line: null });
    expect(found.message).toBe(`"${missing}" does not exist.`);
    expect(found.hint).toContain(`Did you mean "${join(dir, 'swap.yaml')}"?`);
    expect(found.hint).toContain(`The current directory is ${process.cwd()}.`);
  });

  it('is file_not_found, suggesting a name within two edits', async () => {
    await fileWith('agency.yaml', 'a: 1\n');

    const found = await problemOf(readSource(join(dir, 'agnecy.yaml')));

    expect(found.hint).toContain(`Did you mean "${join(dir, 'agency.yaml')}"?`);
  });

  it('is file_not_found naming the current directory when nothing is close', async () => {
    const found = await problemOf(readSource(join(dir, 'quarterly-forecast.yaml')));

    expect(found.code).toBe('file_not_found');
    expect(found.hint).not.toContain('Did you mean');
    expect(found.hint).toContain(`the current directory is ${process.cwd()}`);
  });

  it('is file_not_found saying so when the folder is missing too', async () => {
    const found = await problemOf(readSource(join(dir, 'no-such-folder', 'plan.yaml')));

    expect(found.code).toBe('file_not_found');
    expect(found.hint).toContain(`The folder "${join(dir, 'no-such-folder')}" does not exist`);
  });

  it('is file_not_found for a symbolic link to nothing, and says it is a link', async () => {
    const link = join(dir, 'dangling.yaml');
    await symlink(join(dir, 'gone.yaml'), link);

    const found = await problemOf(readSource(link));

    expect(found.code).toBe('file_not_found');
    expect(found.message).toContain('is a symbolic link to a file that does not exist');
  });

  it('is file_not_found for a missing Cyrillic name, shown as given', async () => {
    const missing = join(dir, 'план продаж.yaml');

    const found = await problemOf(readSource(missing));

    expect(found.message).toBe(`"${missing}" does not exist.`);
  });

  it('is is_directory, naming the first YAML file inside', async () => {
    const folder = join(dir, 'plans');
    await mkdir(folder);
    await writeFile(join(folder, 'notes.txt'), 'x');
    await writeFile(join(folder, 'q2.yaml'), 'a: 1\n');
    await writeFile(join(folder, 'q1.yml'), 'a: 1\n');

    const found = await problemOf(readSource(folder));

    expect(found.code).toBe('is_directory');
    expect(found.message).toBe(`"${folder}" is a directory, not a file.`);
    expect(found.hint).toBe(`Name a file in it, e.g. "${join(folder, 'q1.yml')}".`);
  });

  it('is is_directory asking for the file itself when the folder holds no YAML', async () => {
    const folder = join(dir, 'empty-folder');
    await mkdir(folder);

    const found = await problemOf(readSource(folder));

    expect(found.code).toBe('is_directory');
    expect(found.hint).toBe('Give the path of the YAML assumptions file itself.');
  });

  // Root reads any file, so as root the read runs in a child as the unprivileged user.
  it(
    'is permission_denied for a file nobody may read',
    async () => {
      const path = join(shared, 'locked.yaml');
      await writeFile(path, 'a: 1\n');
      await chmod(path, 0o000);

      const found = runsAsRoot
        ? await readInChild(path, { asNobody: true })
        : { problems: [await problemOf(readSource(path))] };

      expect(found.problems).toHaveLength(1);
      expect(found.problems?.[0]?.code).toBe('permission_denied');
      expect(found.problems?.[0]?.message).toContain('permission denied');
    },
    CHILD_PROCESS_TIMEOUT,
  );

  // Refused for what it is, before a byte is read: read up to the cap, it would be too large.
  it.each([1024, 64 * 1024 * 1024])(
    'is not_a_regular_file for /dev/zero, unread, under a cap of %i bytes',
    async (maxBytes) => {
      const found = await problemOf(readSource('/dev/zero', { maxBytes }));

      expect(found.code).toBe('not_a_regular_file');
      expect(found.message).toBe('"/dev/zero" is a character device, not a regular file.');
      expect(found.hint).toContain('- to read it from standard input');
    },
  );

  it('is not_a_regular_file for /dev/urandom', async () => {
    expect((await problemOf(readSource('/dev/urandom'))).code).toBe('not_a_regular_file');
  });

  it('is file_too_large for 2 MiB under the default cap, stating the cap', async () => {
    const path = await fileWith('big.yaml', 'a: 1\n'.repeat((2 * 1024 * 1024) / 5 + 1));

    const found = await problemOf(readSource(path));

    expect(found.code).toBe('file_too_large');
    expect(found.message).toBe(`"${path}" is larger than the 1 MiB limit.`);
  });
});

describe('pipes', () => {
  it.skipIf(!hasMkfifo)('reads a FIFO fed by a writer', async () => {
    const fifo = join(dir, 'feed.fifo');
    spawnSync('mkfifo', [fifo]);

    const [source] = await Promise.all([readSource(fifo), writeFile(fifo, 'deals: 4\n')]);

    expect(source.text).toBe('deals: 4\n');
  });

  it.skipIf(!hasMkfifo)(
    'stops at the cap on a FIFO that never ends',
    async () => {
      const fifo = join(dir, 'endless.fifo');
      spawnSync('mkfifo', [fifo]);
      const writer = spawn('sh', ['-c', 'exec yes "a: 1" > "$0"', fifo], { stdio: 'ignore' });

      // Without the cap the read would never end: stopping shows in the problem it ends in.
      try {
        const found = await problemOf(readSource(fifo, { maxBytes: 64 * 1024 }));

        expect(found.code).toBe('file_too_large');
        expect(found.message).toContain('64 KiB');
      } finally {
        writer.kill();
      }
    },
    CHILD_PROCESS_TIMEOUT,
  );

  it.skipIf(!hasBash || !isLinux)(
    'reads bash process substitution, <(cat file), which is /dev/fd/63',
    async () => {
      const path = await fileWith('piped.yaml', 'churn: 0.05\n');

      const read = await readInChild(path, { throughBash: true });

      expect(read.source).toMatchObject({ file: '/dev/fd/63', text: 'churn: 0.05\n' });
    },
    CHILD_PROCESS_TIMEOUT,
  );
});

describe('standard input, named -', () => {
  it('reads the stream given', async () => {
    const stdin = Readable.from([Buffer.from('price: '), Buffer.from('90000\n')]);

    expect(await readSource('-', { stdin })).toEqual({
      file: '-',
      text: 'price: 90000\n',
      bomStripped: false,
    });
  });

  it('reads a stream of strings too', async () => {
    const stdin = Readable.from(['цена: ', '90000\n'], { objectMode: true });

    expect((await readSource('-', { stdin })).text).toBe('цена: 90000\n');
  });

  it('stops an endless stream at the cap and ends it', async () => {
    let ended = false;
    async function* endless() {
      try {
        for (;;) yield Buffer.alloc(64 * 1024, 0x61);
      } finally {
        ended = true;
      }
    }

    const found = await problemOf(readSource('-', { stdin: Readable.from(endless()) }));

    expect(found).toMatchObject({ code: 'file_too_large', file: '-' });
    expect(found.message).toBe('Standard input is larger than the 1 MiB limit.');
    await new Promise((done) => setImmediate(done));
    expect(ended).toBe(true);
  });

  it('is empty_file for an empty stream', async () => {
    const found = await problemOf(readSource('-', { stdin: Readable.from([]) }));

    expect(found).toMatchObject({ code: 'empty_file', message: 'Standard input is empty.' });
  });

  it('gives a pipe-shaped iconv hint for UTF-16 on standard input', async () => {
    const stdin = Readable.from([Buffer.from('\ufeffa: 1\n', 'utf16le')]);

    const found = await problemOf(readSource('-', { stdin }));

    expect(found.code).toBe('encoding_utf16');
    expect(found.hint).toContain('Pipe it through iconv -f UTF-16 -t UTF-8 first');
  });
});

describe('encodings and content', () => {
  it('is empty_file for an empty file', async () => {
    const path = await fileWith('empty.yaml', '');

    const found = await problemOf(readSource(path));

    expect(found).toMatchObject({ code: 'empty_file', file: path });
    expect(found.message).toBe(`"${path}" is empty.`);
    expect(found.hint).toContain('examples/agency.yaml');
  });

  it('is empty_file for whitespace only, a byte-order mark included', async () => {
    const path = await fileWith('blank.yaml', Buffer.from('\ufeff \n\t\r\n  \n', 'utf8'));

    expect((await problemOf(readSource(path))).code).toBe('empty_file');
  });

  it('is encoding_utf16 for UTF-16 LE with a byte-order mark, with the iconv command', async () => {
    const path = await fileWith('utf16-bom.yaml', Buffer.from('\ufeffprice: 1\n', 'utf16le'));

    const found = await problemOf(readSource(path));

    expect(found.code).toBe('encoding_utf16');
    expect(found.message).toBe(`"${path}" is encoded as UTF-16 LE; funnel reads UTF-8.`);
    expect(found.hint).toContain(`iconv -f UTF-16 -t UTF-8 ${path} > ${path}.utf8`);
    expect(found.hint).toContain('save it as UTF-8 in your editor');
  });

  it('is encoding_utf16 for UTF-16 LE without a mark, telling iconv the byte order', async () => {
    const text = 'название: Агентство\nprice: 120000\nchurn: 0.05\n';
    const path = await fileWith('utf16-nobom.yaml', Buffer.from(text, 'utf16le'));

    const found = await problemOf(readSource(path));

    expect(found.code).toBe('encoding_utf16');
    expect(found.hint).toContain(`iconv -f UTF-16LE -t UTF-8 ${path} > ${path}.utf8`);
  });

  it('is encoding_utf16 for UTF-16 BE, with or without a mark', async () => {
    const marked = await fileWith('be-bom.yaml', utf16be('\ufeffprice: 1\n'));
    const bare = await fileWith('be.yaml', utf16be('price: 1\nchurn: 0.05\n'));

    expect((await problemOf(readSource(marked))).message).toContain('UTF-16 BE');
    expect((await problemOf(readSource(bare))).hint).toContain('iconv -f UTF-16BE');
  });

  it('quotes a path with spaces in the iconv command', async () => {
    const path = await fileWith('план Q3.yaml', Buffer.from('\ufeffa: 1\n', 'utf16le'));

    const found = await problemOf(readSource(path));

    expect(found.hint).toContain(`iconv -f UTF-16 -t UTF-8 '${path}' > '${path}.utf8'`);
  });

  it('is encoding_windows_1251 for Russian text in CP1251, showing the line readably', async () => {
    const text = 'currency: RUB\nназвание: Агентство Ромашка\nцена: 120000\n';
    const path = await fileWith('cp1251.yaml', windows1251(text));

    const found = await problemOf(readSource(path));

    expect(found).toMatchObject({ code: 'encoding_windows_1251', line: 2, col: 1 });
    expect(found.message).toBe(
      `"${path}" is encoded as Windows-1251, not UTF-8; ` +
        'line 2 reads "название: Агентство Ромашка".',
    );
    expect(found.hint).toContain(`iconv -f WINDOWS-1251 -t UTF-8 ${path} > ${path}.utf8`);
  });

  it('is invalid_utf8, not Windows-1251, for a lone Latin-1 letter, with line and column', async () => {
    const path = await fileWith(
      'latin1.yaml',
      Buffer.concat([Buffer.from('name: Le Petit\ncity: Caf'), Buffer.from([0xe9, 0x0a])]),
    );

    const found = await problemOf(readSource(path));

    expect(found).toMatchObject({ code: 'invalid_utf8', line: 2, col: 10 });
    expect(found.message).toBe(
      `"${path}" is not valid UTF-8: byte 0xE9 at line 2, column 10 does not decode.`,
    );
  });

  it('counts the column in characters after Cyrillic letters', async () => {
    const path = await fileWith(
      'broken.yaml',
      Buffer.concat([Buffer.from('имя: Ж', 'utf8'), Buffer.from([0xff])]),
    );

    expect(await problemOf(readSource(path))).toMatchObject({ line: 1, col: 7 });
  });

  it('counts columns after a stripped byte-order mark from the first real character', async () => {
    const path = await fileWith(
      'bom-nul.yaml',
      Buffer.concat([Buffer.from('\ufeffab', 'utf8'), Buffer.from([0])]),
    );

    expect(await problemOf(readSource(path))).toMatchObject({ line: 1, col: 3 });
  });

  it('is binary_file for a NUL byte in UTF-8 text, with line and column', async () => {
    const path = await fileWith('nul.yaml', 'a: 1\nb: 2\u0000\n');

    const found = await problemOf(readSource(path));

    expect(found).toMatchObject({ code: 'binary_file', line: 2, col: 5 });
    expect(found.message).toContain('contains a NUL byte at line 2, column 5');
  });

  it.each([
    ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]],
    ['a PDF document', [...Buffer.from('%PDF-1.7\n%\xe2\xe3\n', 'latin1')]],
    [
      'an Excel workbook (.xlsx)',
      [
        ...Buffer.from(
          'PK\u0003\u0004\u0014\u0000[Content_Types].xmlPK\u0003\u0004xl/workbook.xml',
        ),
      ],
    ],
    ['a ZIP archive', [...Buffer.from('PK\u0003\u0004\u0014\u0000report.txt')]],
  ])('is binary_file naming %s', async (name, bytes) => {
    const path = await fileWith(`magic-${bytes[0]}-${bytes.length}`, Buffer.from(bytes));

    const found = await problemOf(readSource(path));

    expect(found).toMatchObject({ code: 'binary_file', line: 1, col: 1 });
    expect(found.message).toBe(`"${path}" is ${name}, not a YAML text file.`);
  });

  it('is control_character for an escape code pasted from a terminal', async () => {
    const path = await fileWith('escape.yaml', 'a: 1\nb: \u001b[31m2\n');

    const found = await problemOf(readSource(path));

    expect(found).toMatchObject({ code: 'control_character', line: 2, col: 4 });
    expect(found.message).toContain('U+001B at line 2, column 4');
  });
});

describe('nearestName', () => {
  it('prefers the .yml/.yaml swap, then the fewest edits, ignoring case', () => {
    expect(nearestName('plan.yml', ['plan.yaml', 'plam.yml'])).toBe('plan.yaml');
    expect(nearestName('Plan.yaml', ['plan.yaml'])).toBe('plan.yaml');
    expect(nearestName('agnecy.yaml', ['agency.yaml', 'agent.yaml'])).toBe('agency.yaml');
    expect(nearestName('a.yaml', ['budget.yaml'])).toBeNull();
  });
});
