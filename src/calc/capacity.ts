import type { DeliveryAssumptions, Role } from '../model/assumptions.js';
import type { RoleCapacity } from '../model/plan.js';
import { atMost, ceilWhole, divide } from './compare.js';

/** Clients a role can serve = headcount × clients per person. */
function roleCapacity(role: Role): number {
  return role.headcount * role.clientsPerPerson;
}

/**
 * Fewest extra whole people bringing a role's load to at most maxLoad:
 * max(0, ⌈clients / (maxLoad × clients per person) − headcount⌉).
 */
function hiresFor(role: Role, clients: number, maxLoad: number): number {
  const peopleNeeded = divide(clients, maxLoad * role.clientsPerPerson);
  return Math.max(0, ceilWhole(peopleNeeded - role.headcount));
}

/** Index of the most loaded role (the first of equals), or -1 when there are none. */
export function busiestIndex(roles: readonly { load: number }[]): number {
  let busiest = -1;
  roles.forEach((role, index) => {
    if (busiest < 0 || role.load > roles[busiest]!.load) busiest = index;
  });
  return busiest;
}

export interface CapacityInput {
  delivery: DeliveryAssumptions;
  /** New clients signed in the period, spread evenly over its months. */
  newClients: number;
  churnMonthly: number;
  periodMonths: number;
}

/**
 * Delivery load of each role over the period.
 * - capacity = headcount × clients per person (clients)
 * - a(0) = active clients × share of clients;
 *   a(m) = a(m−1) × (1 − churn) + share × new clients / period months, m = 1..n
 * - peak = max(a(0), a(1..n)), since the team already serves the starting clients
 * - load = peak / capacity (share of one)
 * - hires needed = max(0, ⌈peak / (max load × clients per person) − headcount⌉) people
 * - hours a week per client = client hours per week of one person / clients per person
 * activeClientsByMonth holds a(1..n), the clients at the end of each month.
 */
export function deliveryCapacity(input: CapacityInput): RoleCapacity[] {
  const { delivery, newClients, churnMonthly, periodMonths } = input;

  return delivery.roles.map((role) => {
    const monthlyInflow = divide(role.shareOfClients * newClients, periodMonths);
    const activeClientsByMonth: number[] = [];
    let active = delivery.activeClients * role.shareOfClients;
    let peak = active;

    for (let month = 1; month <= periodMonths; month += 1) {
      active = active * (1 - churnMonthly) + monthlyInflow;
      activeClientsByMonth.push(active);
      peak = Math.max(peak, active);
    }

    const capacity = roleCapacity(role);
    return {
      role: role.role,
      capacity,
      activeClientsByMonth,
      peakActiveClients: peak,
      load: divide(peak, capacity),
      hiresNeeded: hiresFor(role, peak, delivery.maxLoad),
      hoursPerClientPerWeek:
        role.clientHoursPerWeek === null
          ? null
          : hoursPerClient({
              hoursPerWeek: role.clientHoursPerWeek,
              clients: role.clientsPerPerson,
            }),
    };
  });
}

export interface RoleLoadsInput {
  roles: Role[];
  /** Active clients of the business; each role serves its share of them. */
  activeClients: number;
  maxLoad: number;
}

export interface RoleLoad {
  role: string;
  /** Clients this role serves = active clients × share of clients. */
  clients: number;
  capacity: number;
  /** clients / capacity, share of one. */
  load: number;
  /** load ≤ max load, tolerant. */
  withinMaxLoad: boolean;
  hiresNeeded: number;
}

/**
 * Load of each role at a given number of active clients (no month-by-month flow):
 * clients = active clients × share; load = clients / (headcount × clients per person);
 * hires as in deliveryCapacity.
 */
export function roleLoads(input: RoleLoadsInput): RoleLoad[] {
  return input.roles.map((role) =>
    roleLoad(role, input.activeClients * role.shareOfClients, input.maxLoad),
  );
}

/** Load of one role serving a given number of clients: clients / (headcount × clients per person). */
export function roleLoad(role: Role, clients: number, maxLoad: number): RoleLoad {
  const capacity = roleCapacity(role);
  const load = divide(clients, capacity);
  return {
    role: role.role,
    clients,
    capacity,
    load,
    withinMaxLoad: atMost(load, maxLoad),
    hiresNeeded: hiresFor(role, clients, maxLoad),
  };
}

export interface HoursPerClientInput {
  /** Client-facing hours one person has a week. */
  hoursPerWeek: number;
  /** Clients that person serves. */
  clients: number;
}

/** Hours a week each client of one person gets = hours per week / clients (hours). */
export function hoursPerClient(input: HoursPerClientInput): number {
  return divide(input.hoursPerWeek, input.clients);
}
