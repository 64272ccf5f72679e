/**
 * A reader that goes away (`bench run … --format json | head`) is not an error of ours: without
 * this, the next write raises EPIPE as an unhandled 'error' event and Node prints a stack trace.
 */

/** Errors a write to a closed pipe raises: EPIPE, then ERR_STREAM_DESTROYED for later writes. */
const CLOSED_PIPE_CODES: ReadonlySet<string> = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

const installed = new WeakSet<NodeJS.WriteStream>();

/**
 * Makes writes to `stream` after its reader closed do nothing: the command goes on (results are
 * still written) and exits with its own code, quietly. Any other stream error is rethrown.
 * Installs the listener once per stream.
 */
export function ignoreBrokenPipe(stream: NodeJS.WriteStream): void {
  if (installed.has(stream)) return;
  installed.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== undefined && CLOSED_PIPE_CODES.has(error.code)) return;
    throw error;
  });
}
