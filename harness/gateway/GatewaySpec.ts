// Gateways: the user's own proxy started in front of a fresh mock for each run, watched, and stopped.

/**
 * A gateway as the scenario's `gateway:` section describes it, resolved. Strings may hold the
 * placeholders `{{mock.url}}` (the run's mock, e.g. `http://127.0.0.1:40123`), `{{mock.port}}` and
 * `{{port}}` (a free loopback port picked for the gateway), filled in when it starts.
 */
export interface GatewaySpec {
  /** argv, run without a shell: `[node, relay.mjs, --port, "{{port}}"]`. */
  command: readonly string[];
  /** Absolute working directory. Default: the scenario file's folder. */
  cwd: string;
  /** Added to this process's environment. */
  env: Readonly<Record<string, string>>;
  /** Where the clients send their requests, e.g. `http://127.0.0.1:{{port}}`. */
  url: string;
  /**
   * When it is ready: an HTTP path answering below 500, a line of its output matching a regular
   * expression, or (neither) a TCP connection to `url`'s port accepted.
   */
  ready: { path?: string; log?: string; timeoutMs: number };
  /** `run`: a fresh gateway for every run (default); `scenario`: one for the whole scenario. */
  restart: 'run' | 'scenario';
  /** Grace between SIGTERM and SIGKILL to its process group when it stops (ms). Default 5000. */
  stopTimeoutMs: number;
  /**
   * `direct`: each run through the gateway is followed by its direct twin (the same workload and
   * seed straight at a fresh mock), and the run reports the gateway's overhead. Default `none`.
   */
  baseline: 'direct' | 'none';
}

/** The placeholders gateway strings may use. */
export const GATEWAY_PLACEHOLDERS = ['mock.url', 'mock.port', 'port'] as const;

/** `{{name}}` replaced by its value; names outside `values` are left as they are. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([a-z.]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Placeholders in `text` that are not known ones, for the scenario's validation. */
export function unknownPlaceholders(text: string): string[] {
  const known: readonly string[] = GATEWAY_PLACEHOLDERS;
  return [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => !known.includes(name));
}
