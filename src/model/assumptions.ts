/**
 * The validated assumptions of one plan, as the calculators see them. Every
 * rate is a share of one (0.45), every amount is in the file's currency, and
 * every default has been filled in by the loader.
 */

import type { CheckId } from './plan.js';

export type Period = 'month' | 'quarter' | 'year';

export interface FunnelStage {
  /** Name as the user wrote it: attempts, meetings, webinar, payment... */
  stage: string;
  /** Conversion from the stage before; null for the first stage. */
  conversion: number | null;
}

export interface MonthlyCosts {
  payroll: number;
  tools: number;
  marketing: number;
}

export interface SalesAssumptions {
  reps: number;
  attemptsPerRepPerDay: number;
  workingDaysPerWeek: number;
  /** Optional ceiling on meetings a rep can hold in a week. */
  meetingsPerRepPerWeek: number | null;
  /** Name of the funnel stage the attempt norm applies to. */
  attemptsStage: string;
  /** Name of the funnel stage the meeting norm applies to, if any. */
  meetingsStage: string | null;
  /** CAC given directly; null when it comes from monthly costs. */
  cac: number | null;
  monthlyCosts: MonthlyCosts | null;
}

export interface Role {
  role: string;
  headcount: number;
  clientsPerPerson: number;
  /** Share of all clients this role serves (1 = every client). */
  shareOfClients: number;
  /** Hours a week one person gives clients (25 for an account manager); null when not given. */
  clientHoursPerWeek: number | null;
}

export interface DeliveryAssumptions {
  hourlyCost: number;
  hoursPerClientMonth: number;
  activeClients: number;
  maxLoad: number;
  roles: Role[];
}

export interface Thresholds {
  ltvToCacMin: number;
  /** Optional: payback must not exceed this many months (besides the contract). */
  paybackMonthsMax: number | null;
  /** Optional: monthly churn must not exceed this share. */
  churnMonthlyMax: number | null;
  /** Checks that must pass with at least this probability when inputs are ranges. */
  minProbability?: { checkId: CheckId; minProbability: number }[];
}

/** Ideal client profile: binary criteria a deal is qualified on. */
export interface Icp {
  /** Criteria a good client has; a missing one counts as a red flag. */
  require: string[];
  /** Disqualifying signs the file knows about. */
  redFlags: string[];
  /** How many red flags reject a lead (the article's rule: two). */
  rejectAt: number;
}

export interface Assumptions {
  name: string | null;
  currency: string;
  period: Period;
  revenueTarget: number;
  averageCheck: number;
  minimumCheck: number | null;
  grossMargin: number;
  contractMonths: number;
  churnMonthly: number;
  ltvHorizonMonths: number | null;
  funnel: FunnelStage[];
  sales: SalesAssumptions;
  delivery: DeliveryAssumptions;
  thresholds: Thresholds;
  icp: Icp;
}
