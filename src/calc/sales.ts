import type { SalesAssumptions } from '../model/assumptions.js';
import type { SalesResult, StageCount } from '../model/plan.js';
import { atMost, ceilWhole, divide } from './compare.js';

export interface SalesInput {
  /** The reverse funnel: counts needed per stage in the period. */
  funnel: StageCount[];
  sales: SalesAssumptions;
  /** Weeks in the period. */
  periodWeeks: number;
}

function countOf(funnel: StageCount[], stage: string | null): number | null {
  if (stage === null) return null;
  return funnel.find((entry) => entry.stage === stage)?.count ?? null;
}

/**
 * Sales throughput against the funnel.
 * - attempts needed = count of sales.attemptsStage; meetings needed = count of
 *   sales.meetingsStage (null without one)
 * - attempts per week = reps × attempts per rep per day × working days per week
 * - meetings per week = reps × meetings per rep per week (null without a ceiling)
 * - weeks to close = max(attempts needed / attempts per week,
 *   meetings needed / meetings per week), over the norms that are given
 * - fits period: weeks to close ≤ period weeks (tolerant)
 * - reps needed = max(1, ⌈needed / (per-rep weekly rate × period weeks)⌉ per norm)
 * - bottleneck: the norm that sets the weeks to close (attempts on a tie)
 * Counts are per period, rates per week; weeks are weeks.
 */
export function salesThroughput(input: SalesInput): SalesResult {
  const { funnel, sales, periodWeeks } = input;

  // The loader ties attemptsStage to a stage; the first stage is the natural fallback.
  const attemptsNeeded = countOf(funnel, sales.attemptsStage) ?? funnel[0]?.count ?? 0;
  const meetingsNeeded = countOf(funnel, sales.meetingsStage);

  const attemptsPerRepPerWeek = sales.attemptsPerRepPerDay * sales.workingDaysPerWeek;
  const attemptsPerWeek = sales.reps * attemptsPerRepPerWeek;
  const meetingsPerRepPerWeek = sales.meetingsPerRepPerWeek;
  const meetingsPerWeek =
    meetingsPerRepPerWeek === null ? null : sales.reps * meetingsPerRepPerWeek;

  const attemptsWeeks = divide(attemptsNeeded, attemptsPerWeek);
  const meetingsBound = meetingsNeeded !== null && meetingsPerRepPerWeek !== null;
  const meetingsWeeks = meetingsBound ? divide(meetingsNeeded, meetingsPerWeek ?? 0) : 0;
  const bottleneck = meetingsBound && meetingsWeeks > attemptsWeeks ? 'meetings' : 'attempts';
  const weeksToClose = Math.max(attemptsWeeks, meetingsWeeks);

  const repsForAttempts = ceilWhole(divide(attemptsNeeded, attemptsPerRepPerWeek * periodWeeks));
  const repsForMeetings = meetingsBound
    ? ceilWhole(divide(meetingsNeeded, meetingsPerRepPerWeek * periodWeeks))
    : 0;
  const repsNeeded = Math.max(1, repsForAttempts, repsForMeetings);

  return {
    attemptsNeeded,
    meetingsNeeded,
    attemptsPerWeek,
    meetingsPerWeek,
    weeksToClose,
    periodWeeks,
    repsNeeded,
    fitsPeriod: atMost(weeksToClose, periodWeeks),
    bottleneck,
  };
}
