/**
 * Ctrl-C (SIGINT) and SIGTERM during `bench run`: the first erases the progress display, says what
 * happens next and aborts the runner (in-flight requests are counted as interrupted, runs not yet
 * started are skipped, what was measured is written, exit 130); a second one quits at once (130).
 */

/** The message printed at the first interrupt, on a line of its own (the bar is gone by then). */
export const INTERRUPT_MESSAGE =
  'interrupted: stopping the current run (requests in flight are not counted), skipping the runs not started, writing what was measured (Ctrl-C again to quit at once)';

export interface InterruptOptions {
  /** Aborts the runner. */
  abort: () => void;
  /** Erases the progress display (idempotent), so the message starts on a clean line. */
  stopProgress?: () => void;
  /** Prints a line to the user. Default: stderr. */
  print?: (line: string) => void;
  /** Quits at once. Default: `process.exit`. */
  exit?: (code: number) => void;
}

/** The handler for SIGINT and SIGTERM: see the file's comment. */
export function interruptHandler(options: InterruptOptions): () => void {
  const print = options.print ?? ((line: string) => console.error(line));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let interrupts = 0;
  return () => {
    interrupts++;
    if (interrupts > 1) {
      exit(130);
      return;
    }
    options.stopProgress?.();
    print(INTERRUPT_MESSAGE);
    options.abort();
  };
}
