/** The timer a progress display redraws on; injectable so tests tick it by hand. */
export interface TickerOptions {
  everyMs?: number;
  setInterval?: (fn: () => void, ms: number) => { unref?: () => void };
  clearInterval?: (handle: unknown) => void;
}

/** Calls `fn` every `everyMs` (default `defaultMs`) without keeping the process alive; returns its stop. */
export function startTicker(options: TickerOptions, defaultMs: number, fn: () => void): () => void {
  const every = options.setInterval ?? setInterval;
  const clear = options.clearInterval ?? ((handle: unknown) => clearInterval(handle as NodeJS.Timeout));
  const handle = every(fn, options.everyMs ?? defaultMs);
  handle.unref?.();
  return () => clear(handle);
}
