/**
 * One error hierarchy for the whole tool (house style rule 9): a `kind` to switch on, a message
 * that says what failed, with which value, and how to fix it, and the `cause` when one error wraps
 * another.
 */
export class BenchError extends Error {
  readonly kind: string;

  constructor(kind: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.name = 'BenchError';
  }
}

/** One problem with a user's input: where it is, what is wrong, what would be accepted. */
export interface InputProblem {
  /** File the problem is in, if any. */
  file?: string;
  /** 1-based line and column in that file, if known. */
  line?: number;
  column?: number;
  /** Field path, e.g. `workload.arrival.concurrency[1]`. */
  path?: string;
  /** What is wrong and what would be accepted. */
  message: string;
}

/**
 * Invalid input or usage: a bad scenario, flag or file. The CLI prints every problem on its own
 * line and exits with code 2, never with a stack trace.
 */
export class InputError extends BenchError {
  readonly problems: readonly InputProblem[];

  constructor(problems: readonly InputProblem[] | string, options?: { cause?: unknown }) {
    const list = typeof problems === 'string' ? [{ message: problems }] : problems;
    super('invalid-input', list.map(formatProblem).join('\n'), options);
    this.name = 'InputError';
    this.problems = list;
  }
}

/** `file:line:column: path: message`, leaving out what is unknown. */
export function formatProblem(problem: InputProblem): string {
  let where = '';
  if (problem.file !== undefined) {
    where = problem.file;
    if (problem.line !== undefined) where += `:${problem.line}`;
    if (problem.line !== undefined && problem.column !== undefined) where += `:${problem.column}`;
    where += ': ';
  }
  const path = problem.path !== undefined && problem.path !== '' ? `${problem.path}: ` : '';
  return `${where}${path}${problem.message}`;
}
