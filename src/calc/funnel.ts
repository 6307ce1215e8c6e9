import type { FunnelStage } from '../model/assumptions.js';
import type { StageCount } from '../model/plan.js';
import { divide } from './compare.js';

export interface ClientsInput {
  /** Contract value to sign in the period, money. */
  revenueTarget: number;
  /** Monthly fee of an average client, money per client-month. */
  averageCheck: number;
  /** Length of a contract, months. */
  contractMonths: number;
}

export interface ClientsResult {
  /** Client-months the target represents. */
  clientMonths: number;
  /** Contracts (new clients) to sign in the period. */
  newClients: number;
}

/**
 * Clients behind a revenue target (bookings):
 * client-months = revenue target / average check;
 * new clients = client-months / contract months.
 */
export function clientsForTarget(input: ClientsInput): ClientsResult {
  const clientMonths = divide(input.revenueTarget, input.averageCheck);
  const newClients = divide(clientMonths, input.contractMonths);
  return { clientMonths, newClients };
}

export interface ReverseFunnelInput {
  /** Stages from the first attempt to the deal, in file order. */
  stages: FunnelStage[];
  /** Deals needed: the count of the last stage, i.e. new clients. */
  deals: number;
}

/**
 * Counts each stage must reach, walking the funnel backwards from the deals:
 * count(last stage) = deals; count(stage before) = count(stage) / conversion(stage).
 * Counts are exact fractions, in file order; rounding up is the renderer's job.
 */
export function reverseFunnel(input: ReverseFunnelInput): StageCount[] {
  const counts: StageCount[] = [];
  let count = input.deals;

  for (let index = input.stages.length - 1; index >= 0; index -= 1) {
    const stage = input.stages[index]!;
    counts.unshift({ stage: stage.stage, count, conversion: stage.conversion });
    if (index > 0) count = divide(count, stage.conversion ?? 1);
  }

  return counts;
}
