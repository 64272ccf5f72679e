import { InputError, type InputProblem } from '../../base/errors.ts';
import type { FieldPath, Position, YamlLocator } from './YamlLocator.ts';

/**
 * Collects every problem found in one scenario file, each placed at its line and column, so the
 * user sees all of them at once (one `InputError`) instead of fixing one per run.
 */
export class ProblemList {
  readonly file: string;
  readonly #locator: YamlLocator | undefined;
  readonly #items: InputProblem[] = [];

  constructor(file: string, locator?: YamlLocator) {
    this.file = file;
    this.#locator = locator;
  }

  /** A problem with the field at `path`; `at: 'key'` points at the key itself (unknown or duplicate keys). */
  add(path: FieldPath, message: string, at: 'key' | 'value' = 'value'): void {
    const position = this.#locator?.locate(path, at);
    this.addAt(position, message, formatPath(path));
  }

  /** A problem at a known position (YAML syntax errors), optionally with a field path. */
  addAt(position: Position | undefined, message: string, path?: string): void {
    this.#items.push({
      file: this.file,
      ...(position !== undefined ? { line: position.line, column: position.column } : {}),
      ...(path !== undefined && path !== '' ? { path } : {}),
      message,
    });
  }

  get count(): number {
    return this.#items.length;
  }

  /** The problems so far, in file order. */
  list(): InputProblem[] {
    return [...this.#items].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
  }

  /** Throws one `InputError` listing every problem, in file order; does nothing when there is none. */
  throwIfAny(): void {
    if (this.#items.length > 0) throw new InputError(this.list());
  }
}

/** `workload.arrival.concurrency[1]` */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** A value as it appears in a message: text quoted, short structures as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
