// A small Anthropic API relay to benchmark with `gateway:`: node:http only, streams passed through
// as they come, an optional response cache for identical non-streamed requests, retries on 529.
//
//   UPSTREAM_URL=http://127.0.0.1:8787 PORT=8080 CACHE=1 RETRIES=2 node --import tsx relay.ts
import { createHash } from 'node:crypto';
import http from 'node:http';

const upstream = new URL(process.env.UPSTREAM_URL ?? 'http://127.0.0.1:8787');
const port = Number(process.env.PORT ?? 8080);
const cacheOn = process.env.CACHE === '1';
const retries = Number(process.env.RETRIES ?? 0);
/** One line of the relay's log on stdout (the harness keeps it beside the results). */
const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const cache = new Map<string, { status: number; headers: http.IncomingHttpHeaders; body: Buffer }>();

/** Headers a hop must not forward (RFC 9110 §7.6.1), plus the ones node:http sets itself. */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

function forwardable(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP.has(name)));
}

function send(req: http.IncomingMessage, body: Buffer): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const out = http.request(
      new URL(req.url ?? '/', upstream),
      { method: req.method, headers: { ...forwardable(req.headers), 'content-length': body.length } },
      resolve,
    );
    out.once('error', reject);
    out.end(body);
  });
}

const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const streamed = body.length > 0 && /"stream"\s*:\s*true/.test(body.toString('utf8'));
  const key =
    cacheOn && req.method === 'POST' && !streamed
      ? createHash('sha256')
          .update(req.url ?? '')
          .update(body)
          .digest('hex')
      : undefined;
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit !== undefined) {
    log(`cache hit ${req.method} ${req.url}`);
    res.writeHead(hit.status, { ...forwardable(hit.headers), 'x-relay-cache': 'hit' });
    res.end(hit.body);
    return;
  }
  try {
    let answer = await send(req, body);
    log(`upstream ${req.method} ${req.url} ${answer.statusCode}`);
    for (let attempt = 0; attempt < retries && answer.statusCode === 529; attempt++) {
      answer.resume();
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      answer = await send(req, body);
      log(`upstream ${req.method} ${req.url} ${answer.statusCode} (retry ${attempt + 1})`);
    }
    res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
    if (key === undefined || answer.statusCode !== 200) {
      answer.pipe(res);
      return;
    }
    const parts: Buffer[] = [];
    for await (const part of answer) {
      parts.push(part as Buffer);
      res.write(part);
    }
    res.end();
    cache.set(key, { status: 200, headers: answer.headers, body: Buffer.concat(parts) });
  } catch (error) {
    log(`upstream ${req.method} ${req.url} failed: ${(error as Error).message}`);
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'relay: upstream unreachable' } }),
    );
  }
});

server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () =>
  log(`relay listening on http://127.0.0.1:${port}, upstream ${upstream.origin}`),
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
