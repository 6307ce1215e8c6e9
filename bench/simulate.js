// Speed of the Monte Carlo simulation against a hand-written loop over the same model.
//
//   node bench/simulate.js [samples] [runs]
//
// It bundles what it needs from src/ itself, so no build comes first. It exits 1 when the two
// sides disagree, as the timing then compares two different models.
//
// Both sides draw the same five uncertain inputs of the agency example with the
// same generator, compute the same 25 figures into Float64Arrays, count the
// same checks and take P10/P50/P90 and the mean of every figure with the same
// percentile routine. The hand-written loop knows the model's shape in advance
// (four stages, three roles, a quarter); `simulate` reads it from the assumptions.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const samples = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);

const dir = mkdtempSync(join(tmpdir(), 'funnel-bench-'));
const outfile = join(dir, 'simulate.mjs');
await build({
  stdin: {
    contents: [
      "export { simulate, percentiles } from './src/calc/simulate.ts';",
      "export { loadAssumptions } from './src/input/assumptions.ts';",
      "export { fillUniform, seedState, inverseNormal } from './src/calc/random.ts';",
      "export { ceilWhole } from './src/calc/compare.ts';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  outfile,
  bundle: true,
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const { simulate, percentiles, loadAssumptions, fillUniform, seedState, inverseNormal, ceilWhole } =
  await import(pathToFileURL(outfile).href);
rmSync(dir, { recursive: true, force: true });

const example = join(root, 'examples/agency.yaml');
const agency = loadAssumptions(readFileSync(example, 'utf8'), example).assumptions;

const uncertain = [
  { path: 'churn_monthly', distribution: 'uniform', low: 0.05, high: 0.12, mode: null },
  {
    path: 'funnel.meetings.conversion',
    distribution: 'uniform',
    low: 0.015,
    high: 0.02,
    mode: null,
  },
  { path: 'average_check', distribution: 'triangular', low: 150_000, high: 220_000, mode: 180_000 },
  { path: 'sales.cac', distribution: 'lognormal', low: 150_000, high: 260_000, mode: null },
  { path: 'sales.reps', distribution: 'uniform', low: 4, high: 6, mode: null },
];

// The hand-written loop: the agency's plan with its five ranges, nothing generic.

// The draws and rounding are the project's own (fillUniform, inverseNormal, ceilWhole), so the two
// sides differ only in how the model is computed and summarised.

// simulate's ids, in the order the hand-written loop fills them.
const ROLES = ['account_manager', 'targeting_specialist', 'context_ads_specialist'];
const FIGURES = [
  'new_clients',
  'funnel.attempts.count',
  'funnel.meetings.count',
  'funnel.proposals.count',
  'funnel.deals.count',
  'attempts_per_week',
  'meetings_per_week',
  'weeks_to_close',
  'reps_needed',
  'gross_profit_per_month',
  'cac',
  'lifetime_months',
  'ltv',
  'ltv_to_cac',
  'payback_months',
  'minimum_check',
  'hours_budget',
  'max_load',
  'hires_needed',
  ...ROLES.flatMap((role) => [`roles.${role}.load`, `roles.${role}.hires_needed`]),
];

function handLoop(n, seedValue) {
  // Uniform draws from the project's generator, a block at a time, as simulate takes them.
  const state = seedState(seedValue);
  const uniforms = new Float64Array(4096);
  let used = uniforms.length;
  const next = () => {
    if (used === uniforms.length) {
      fillUniform(state, uniforms, uniforms.length);
      used = 0;
    }
    return uniforms[used++];
  };
  const out = FIGURES.map(() => new Float64Array(n));
  const [
    newClientsOut,
    attemptsOut,
    meetingsOut,
    proposalsOut,
    dealsOut,
    apwOut,
    mpwOut,
    weeksOut,
    repsOut,
    gpOut,
    cacOut,
    lifeOut,
    ltvOut,
    ratioOut,
    paybackOut,
    minOut,
    hoursOut,
    maxLoadOut,
    hiresOut,
  ] = out;
  const loadOut = [out[19], out[21], out[23]];
  const roleHiresOut = [out[20], out[22], out[24]];
  const headcount = [4, 6, 5];
  const perPerson = [15, 10, 12];
  const mu = (Math.log(150_000) + Math.log(260_000)) / 2;
  const sigma = (Math.log(260_000) - Math.log(150_000)) / (2 * 1.6448536269514722);
  const split = (180_000 - 150_000) / 70_000;
  let passLtv = 0,
    passPayback = 0,
    passFits = 0,
    passLoad = 0;

  for (let i = 0; i < n; i++) {
    const churn = 0.05 + 0.07 * next();
    const conversion = 0.015 + 0.005 * next();
    const u = next();
    const check =
      u < split
        ? 150_000 + Math.sqrt(u * 70_000 * 30_000)
        : 220_000 - Math.sqrt((1 - u) * 70_000 * 40_000);
    const cac = Math.exp(mu + sigma * inverseNormal(next()));
    const reps = Math.round(3.5 + 3 * next());

    const newClients = 18_000_000 / check / 4;
    const proposals = newClients / 0.4;
    const meetings = proposals / 0.5;
    const attempts = meetings / conversion;
    const apw = reps * 200;
    const mpw = reps * 3;
    const weeks = Math.max(attempts / apw, meetings / mpw);
    const repsNeeded = Math.max(1, ceilWhole(attempts / 2600), ceilWhole(meetings / 39));
    const gp = check * 0.45;
    const lifetime = 1 / churn;
    const ltv = gp * lifetime;
    const ratio = ltv / cac;
    const payback = cac / gp;
    const forMargin = 96_000 / 0.55;
    const forCac = 96_000 + cac / 4;

    let highest = 0,
      hires = 0;
    for (let r = 0; r < 3; r++) {
      let active = 30;
      let peak = active;
      for (let month = 0; month < 3; month++) {
        active = active * (1 - churn) + newClients / 3;
        if (active > peak) peak = active;
      }
      const load = peak / (headcount[r] * perPerson[r]);
      const roleHires = Math.max(0, ceilWhole(peak / (0.85 * perPerson[r]) - headcount[r]));
      loadOut[r][i] = load;
      roleHiresOut[r][i] = roleHires;
      if (load > highest) highest = load;
      hires += roleHires;
    }

    newClientsOut[i] = newClients;
    dealsOut[i] = newClients;
    proposalsOut[i] = proposals;
    meetingsOut[i] = meetings;
    attemptsOut[i] = attempts;
    apwOut[i] = apw;
    mpwOut[i] = mpw;
    weeksOut[i] = weeks;
    repsOut[i] = repsNeeded;
    gpOut[i] = gp;
    cacOut[i] = cac;
    lifeOut[i] = lifetime;
    ltvOut[i] = ltv;
    ratioOut[i] = ratio;
    paybackOut[i] = payback;
    minOut[i] = forCac > forMargin ? forCac : forMargin;
    hoursOut[i] = (check * 0.55) / 2000;
    maxLoadOut[i] = highest;
    hiresOut[i] = hires;
    if (ratio >= 3 * (1 - 1e-9)) passLtv++;
    if (payback <= 4 * (1 + 1e-9)) passPayback++;
    if (weeks <= 13 * (1 + 1e-9)) passFits++;
    if (highest <= 0.85 * (1 + 1e-9)) passLoad++;
  }
  return { out, passes: [passLtv, passPayback, passFits, passLoad] };
}

function summarize(columns) {
  return columns.map((values) => {
    let sum = 0,
      min = Infinity,
      max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (min === max) return [min, min, min, min];
    return [sum / values.length, ...percentiles(values, [0.1, 0.5, 0.9], min, max)];
  });
}

function time(action) {
  const start = process.hrtime.bigint();
  const result = action();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const timings = { simulate: [], hand: [], handModel: [] };
let last;
for (let run = 0; run < runs; run++) {
  const full = time(() => simulate(agency, uncertain, { samples, seed: run + 1 }));
  timings.simulate.push(full.seconds);
  last = full.result;

  const model = time(() => handLoop(samples, run + 1));
  const summary = time(() => summarize(model.result.out));
  timings.handModel.push(model.seconds);
  timings.hand.push(model.seconds + summary.seconds);
}

// Both sides must compute the same model for the timing to mean anything. They draw from the
// same distributions but not in the same order, so their medians agree to sampling error only.
const check = summarize(handLoop(samples, runs).out);
const missing = FIGURES.filter((id) => !last.figures.some((figure) => figure.id === id));
const differing = FIGURES.filter((id, index) => {
  const figure = last.figures.find((candidate) => candidate.id === id);
  const hand = check[index][2];
  return figure && Math.abs(figure.p50 - hand) > 0.01 * Math.max(1e-9, Math.abs(figure.p50));
});

const rate = (seconds) => Math.round(samples / seconds).toLocaleString('en-US');
const simulateSeconds = median(timings.simulate);
const handSeconds = median(timings.hand);
console.log(
  `samples ${samples.toLocaleString('en-US')}, runs ${runs} (median), Node ${process.version}`,
);
console.log(
  `simulate (full plan, ${last.figures.length} figures):  ${rate(simulateSeconds)} samples/s`,
);
console.log(`hand-written loop (same figures):     ${rate(handSeconds)} samples/s`);
console.log(`  of which the model alone:           ${rate(median(timings.handModel))} samples/s`);
console.log(`ratio simulate / hand-written time:   ${(simulateSeconds / handSeconds).toFixed(2)}`);
if (missing.length > 0) {
  console.log(`simulate has no figure: ${missing.join(', ')}`);
}
if (differing.length > 0) {
  console.log(`the sides DISAGREE on: ${differing.join(', ')}`);
}
if (missing.length > 0 || differing.length > 0) {
  process.exitCode = 1;
} else {
  console.log(`both sides agree within 1% on the median of all ${FIGURES.length} figures`);
}
