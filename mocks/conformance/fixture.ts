/**
 * The conformance fixture: a fixed probe set (requests) and, for each, the answer the reference
 * documents or a recording showed, as shapes to compare (see `diffShape.ts`) and header formats.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../../base/errors.ts';

const probeSchema = z.strictObject({
  name: z.string().min(1).describe('Short name, unique in the fixture; differences are listed under it.'),
  source: z
    .string()
    .min(1)
    .describe('Where the expectation comes from (a section of the reference, a recording).'),
  mock: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      'Mock settings this probe needs (e.g. faults.script for a 429); such probes replay against the mock only.',
    ),
  request: z.strictObject({
    method: z.enum(['GET', 'POST']).default('POST'),
    path: z.string().startsWith('/'),
    /** `$API_KEY` is replaced by the key at replay time; a fixture never holds one. */
    headers: z.record(z.string(), z.string()).default({}),
    body: z.unknown().optional(),
    /** Send a JSON body padded to at least this many bytes (request-size limits). */
    padToBytes: z.number().int().positive().optional(),
  }),
  expect: z.strictObject({
    status: z.number().int(),
    /** Header name (lower case) to its format: `integer`, `rfc3339`, `request-id`, `present`, or `=VALUE`. */
    headers: z.record(z.string(), z.string()).default({}),
    /** The documented JSON body; compared by shape. */
    body: z.unknown().optional(),
    /** The documented SSE events, in order; compared by order (pings dropped, repeats collapsed) and shape. */
    events: z.array(z.strictObject({ event: z.string(), data: z.unknown() })).optional(),
    /** Body paths (`body.error.message`) compared by value, not only by type. */
    exact: z.array(z.string()).default([]),
    /** Body paths of objects the reference shows in part: extra fields there are not differences. */
    partial: z.array(z.string()).default([]),
    /** Body path to a format, as for headers (`body.id`: `message-id`). */
    formats: z.record(z.string(), z.string()).default({}),
  }),
});

export const fixtureSchema = z.strictObject({
  description: z.string(),
  /** Differences the mock is known to have, each with the reason; they are reported, not failed on. */
  known: z.array(z.strictObject({ difference: z.string(), why: z.string() })).default([]),
  probes: z.array(probeSchema).min(1),
});

export type ConformanceFixture = z.infer<typeof fixtureSchema>;
export type Probe = ConformanceFixture['probes'][number];

/** Reads and checks a fixture file; an {@link InputError} names the file and the field. */
export function loadFixture(file: string): ConformanceFixture {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError([{ file, message: `not a readable JSON file (${(error as Error).message})` }], {
      cause: error,
    });
  }
  const parsed = fixtureSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => ({ file, path: issue.path.join('.'), message: issue.message })),
      { cause: parsed.error },
    );
  }
  const names = new Set<string>();
  for (const [i, probe] of parsed.data.probes.entries()) {
    if (names.has(probe.name))
      throw new InputError([{ file, path: `probes.${i}.name`, message: `"${probe.name}" is used twice` }]);
    names.add(probe.name);
  }
  return parsed.data;
}
