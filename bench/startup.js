// Measures how long `funnel` takes from process start to exit, next to `node -e 0`, and compares
// the medians with the targets of issue 7. It measures; it does not judge: the exit code is 0
// whatever the figures. Usage: node bench/startup.js [--runs 15]
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/funnel.js', import.meta.url));

function parseRuns(argv) {
  const flag = argv.indexOf('--runs');
  const runs = flag === -1 ? 15 : Number(argv[flag + 1]);
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write(
      'usage: node bench/startup.js [--runs N]  (N a whole number, at least 1)\n',
    );
    process.exit(2);
  }
  return runs;
}

const checkDeal = ['check-deal', '--assumptions', 'examples/agency.yaml', '--check', '180000'];
const cases = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'funnel --version', args: [bin, '--version'], target: 1.2 },
  {
    label: 'funnel plan examples/agency.yaml',
    args: [bin, 'plan', 'examples/agency.yaml'],
    target: 1.5,
  },
  {
    label: 'funnel check-deal … --hours 48 --months 6',
    args: [bin, ...checkDeal, '--hours', '48', '--months', '6'],
    target: 1.5,
    // This deal is rejected (it meets none of the three icp.require criteria, and each one missing
    // counts as a red flag), and REJECT exits 1.
    status: 1,
  },
  {
    label: 'funnel plan, code cache off',
    args: [bin, 'plan', 'examples/agency.yaml'],
    env: { FUNNEL_CODE_CACHE: '0' },
  },
];

function runOnce(entry, stdio) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, entry.args, {
    cwd: root,
    env: { ...process.env, ...entry.env },
    stdio,
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  return { elapsed, status: result.status, stderr: result.stderr ? String(result.stderr) : '' };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const runs = parseRuns(process.argv.slice(2));

// One run each first: it writes the code cache (as a user's first call would) and tells apart a
// command that fails (the figures are still printed, marked) from one that works.
for (const entry of cases) {
  const first = runOnce(entry, ['ignore', 'ignore', 'pipe']);
  const message = first.stderr.trim().split('\n')[0];
  entry.note =
    first.status === (entry.status ?? 0)
      ? ''
      : `exit ${first.status}${message ? `: ${message}` : ''}`;
  entry.times = [];
}

// Interleaved, and the order turned each round, so a slow moment on the machine falls on every
// command alike rather than on one.
for (let round = 0; round < runs; round += 1) {
  for (let i = 0; i < cases.length; i += 1) {
    const entry = cases[(i + round) % cases.length];
    entry.times.push(runOnce(entry, 'ignore').elapsed);
  }
}

const baseline = median(cases[0].times);
const rows = cases.map((entry) => {
  const ms = median(entry.times);
  const ratio = ms / baseline;
  const fastest = Math.min(...entry.times);
  const paired = median(entry.times.map((time, round) => time / cases[0].times[round]));
  const verdict = entry.target === undefined ? '' : ratio <= entry.target ? 'pass' : 'FAIL';
  return [
    entry.label,
    ms.toFixed(1),
    fastest.toFixed(1),
    `${ratio.toFixed(2)}×`,
    `${paired.toFixed(2)}×`,
    entry.target === undefined ? '' : `≤ ${entry.target}×`,
    verdict,
    entry.note,
  ];
});

// Two figures help read a run on a busy machine: the fastest run, and the median of each round's
// own ratio to the baseline (a slow moment then weighs on both sides of that ratio). The verdict
// is on the ratio of the medians, as the targets are stated.
const header = ['command', 'median ms', 'min ms', 'ratio', 'per round', 'target', 'result', 'note'];
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column].length)),
);
const line = (cells) =>
  cells
    .map((cell, column) =>
      column >= 1 && column <= 4 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
    )
    .join('  ')
    .trimEnd();

// Other work on the machine slows every command, the baseline too; the load says how far to trust
// the ratios (they are most telling on an idle machine).
const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
process.stdout.write(
  `Node ${process.version}, ${runs} runs each, interleaved; medians of wall time.\n` +
    `Load average ${load} on ${availableParallelism()} cores.\n` +
    `${line(header)}\n${line(widths.map((width) => '-'.repeat(width)))}\n` +
    `${rows.map(line).join('\n')}\n`,
);
