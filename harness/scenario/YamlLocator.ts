import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A field path as zod reports it: keys and list indexes. */
export type FieldPath = readonly PropertyKey[];

/** 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Finds where a field path sits in a parsed YAML document, so a problem found in the plain data
 * can be reported at its line and column. Aliases are followed.
 */
export class YamlLocator {
  readonly #doc: Document;
  readonly #lines: LineCounter;

  constructor(doc: Document, lines: LineCounter) {
    this.#doc = doc;
    this.#lines = lines;
  }

  /**
   * The position of the value at `path` (or of its key, with `at: 'key'`). When the path does not
   * exist (a missing field) it is the key of the deepest field that does, so a "missing x" problem
   * points at the mapping that lacks it; the start of the document when nothing matches.
   */
  locate(path: FieldPath, at: 'key' | 'value' = 'value'): Position {
    const root = this.#resolve(this.#doc.contents);
    let here: { key?: Node; value?: Node } = root === undefined ? {} : { value: root };
    for (const segment of path) {
      const next = this.#child(here.value, segment);
      if (next === undefined) return this.#position(here.key ?? here.value);
      here = next;
    }
    return this.#position(at === 'key' ? (here.key ?? here.value) : (here.value ?? here.key));
  }

  #child(node: unknown, segment: PropertyKey | undefined): { key?: Node; value?: Node } | undefined {
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? item.key.value : item.key;
        if (String(key) === String(segment)) {
          const value = this.#resolve(item.value);
          return {
            ...(isScalar(item.key) ? { key: item.key } : {}),
            ...(value !== undefined ? { value } : {}),
          };
        }
      }
      return undefined;
    }
    if (isSeq(node) && typeof segment === 'number') {
      const value = this.#resolve(node.items[segment]);
      return value === undefined ? undefined : { value };
    }
    return undefined;
  }

  #resolve(node: unknown): Node | undefined {
    if (isAlias(node)) return this.#resolve(node.resolve(this.#doc));
    return asNode(node);
  }

  #position(node: Node | undefined): Position {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.#lines.linePos(offset);
    return { line, column: col };
  }
}

function asNode(value: unknown): Node | undefined {
  return isMap(value) || isSeq(value) || isScalar(value) ? value : undefined;
}
