/**
 * One problem found in the user's input. Every layer that reads input reports
 * problems in this shape, so the CLI can print all of them at once, as text on
 * stderr or as JSON, and exit 2.
 */
export interface InputProblem {
  /** Stable machine-readable code, e.g. `file_not_found`, `unknown_key`, `not_a_number`. */
  code: string;
  /** The file as the user named it (`-` for standard input); null for flags. */
  file: string | null;
  /** 1-based line and column, when the problem has a place in the file. */
  line: number | null;
  col: number | null;
  /** Key path in the file, dot-separated with list indexes: `funnel.1.conversion`. */
  path: string | null;
  /** One sentence: what is wrong, in the user's terms. */
  message: string;
  /** One sentence: what to do about it; null when the message says it already. */
  hint: string | null;
}

/** Thrown where a file, a flag or a path named in one cannot be used; carries every problem found. */
export class InputError extends Error {
  readonly problems: InputProblem[];

  constructor(problems: InputProblem[]) {
    super(problems.map((problem) => problem.message).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}

export function problem(fields: Partial<InputProblem> & Pick<InputProblem, 'code' | 'message'>) {
  return {
    file: null,
    line: null,
    col: null,
    path: null,
    hint: null,
    ...fields,
  } satisfies InputProblem;
}

/**
 * Orders problems as a reader meets them: by file, then line, then column. A problem with no
 * line (a key the file leaves out) comes after those of its file that have one, and a problem
 * with no file (a flag) after every file's.
 */
export function byPlace(a: InputProblem, b: InputProblem): number {
  return missingLast(a.file, b.file) || missingLast(a.line, b.line) || missingLast(a.col, b.col);
}

function missingLast<T extends string | number>(a: T | null, b: T | null): number {
  if (a === b) {
    return 0;
  }
  if (a === null || b === null) {
    return a === null ? 1 : -1;
  }
  return a < b ? -1 : 1;
}
