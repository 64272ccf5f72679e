import type { MockServer } from '../core/types.ts';
import { MockMetrics } from './MockMetrics.ts';
import { DEFAULT_MAX_BODY_BYTES } from './readBody.ts';

/** Options every binding (fetch, msw, node:http) accepts. */
export interface BindingOptions {
  /**
   * Largest request body (bytes) before a 413 `request_too_large`. Default: the server's
   * `config.maxBodyBytes` when the server exposes its config, else 32 MiB (the API's limit).
   */
  maxBodyBytes?: number;
  /** Metrics to record into and serve at `GET /metrics`. Default: a new {@link MockMetrics} for the server. */
  metrics?: MockMetrics;
  /** A path prefix stripped before routing, e.g. `/anthropic` for a base URL `http://host/anthropic`. Default none. */
  basePath?: string;
}

/** The options with their defaults applied. */
export interface ResolvedBindingOptions {
  maxBodyBytes: number;
  metrics: MockMetrics;
  basePath: string;
}

export function resolveBindingOptions(server: MockServer, options: BindingOptions): ResolvedBindingOptions {
  const fromServer = (server as { config?: { maxBodyBytes?: unknown } }).config?.maxBodyBytes;
  const maxBodyBytes =
    options.maxBodyBytes ?? (typeof fromServer === 'number' ? fromServer : DEFAULT_MAX_BODY_BYTES);
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  return { maxBodyBytes, metrics: options.metrics ?? new MockMetrics(server), basePath };
}

/** `path` with `basePath` removed from its front (unchanged when it does not start with it). */
export function stripBasePath(path: string, basePath: string): string {
  if (basePath === '' || !path.startsWith(basePath)) return path;
  const rest = path.slice(basePath.length);
  return rest === '' ? '/' : rest.startsWith('/') ? rest : path;
}
