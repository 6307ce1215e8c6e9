/**
 * An input written as a range (`1.5%..2%`, `12..15`), optionally with a
 * distribution. The plan's point value for it is the distribution's median
 * for uniform and lognormal, and the mode for triangular.
 */
export type Distribution = 'uniform' | 'triangular' | 'lognormal';

export interface UncertainInput {
  /** Key path in the file as the user wrote it: `churn_monthly`, `funnel.1.conversion`. */
  path: string;
  distribution: Distribution;
  low: number;
  high: number;
  /** Most likely value, for triangular; null otherwise. */
  mode: number | null;
}
