import diagnostics from 'node:diagnostics_channel';
import { type HttpCall, noteAttempt } from './AttemptScope.ts';

/**
 * Counts the HTTP requests this process sends, through Node's diagnostics channels: undici's
 * (`fetch`, the official SDKs, undici itself, bundled or installed) and `node:http`'s (axios, got,
 * older clients). Each request is recorded in the attempt scope of the module call that created it
 * (`undici:request:create` and `http.client.request.start` are published in the caller's async
 * context); its status follows when the response head arrives. Response events are published in a
 * connection's context, not the caller's, so they are matched by request object, not by context.
 * Subscribers are shared: call it once per run and call the returned function when the run ends.
 */
export function observeHttpClient(): () => void {
  const byRequest = new WeakMap<object, HttpCall>();
  const onCreate = (message: unknown): void => {
    const request = (message as { request?: object }).request;
    const call = noteAttempt();
    if (call !== undefined && request !== undefined) byRequest.set(request, call);
  };
  const onResponse = (message: unknown): void => {
    const { request, response } = message as { request?: object; response?: { statusCode?: unknown } };
    const call = request === undefined ? undefined : byRequest.get(request);
    if (call !== undefined && typeof response?.statusCode === 'number') call.status = response.statusCode;
  };
  const subscriptions: [string, (message: unknown) => void][] = [
    ['undici:request:create', onCreate],
    ['undici:request:headers', onResponse],
    ['http.client.request.start', onCreate],
    ['http.client.response.finish', onResponse],
  ];
  for (const [name, listener] of subscriptions) diagnostics.subscribe(name, listener);
  return () => {
    for (const [name, listener] of subscriptions) diagnostics.unsubscribe(name, listener);
  };
}
