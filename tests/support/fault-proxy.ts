import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** What goes wrong for a matched request. */
export type Fault =
  /** Forward the response headers and `afterBytes` of its body, then reset the connection. */
  | { kind: 'reset-response'; afterBytes: number }
  /** Forward `afterBytes` of the request body upstream, then cut both connections. */
  | { kind: 'reset-request'; afterBytes: number }
  /** Answer this status instead of forwarding (5xx bursts, 429 with Retry-After…). */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Forward the body `bytesPerTick` at a time, one slice per `tickMs` (default 5). */
  | { kind: 'drip'; bytesPerTick: number; tickMs?: number }
  /** Send `afterBytes` of the body without a Content-Length, then end cleanly. */
  | { kind: 'truncate'; afterBytes: number }
  /**
   * Send the real body under a false Content-Length, then close the connection: by RST (default)
   * or FIN. FIN while undici 7.30's parser is paused by backpressure hits `assert(!this.paused)`
   * (nodejs/undici#5360), which electron/oci/transport/paused-end-guard.ts turns into a SocketError.
   */
  | { kind: 'content-length'; value: number; close?: 'reset' | 'fin' }
  /** Answer a redirect to `to` (an origin) + the same path and query. */
  | { kind: 'redirect'; to: string; status?: number }
  /** Set (or, with undefined, remove) a response header. */
  | { kind: 'header'; name: string; value: string | undefined }
  /** Hold the request `ms` before forwarding it unchanged (a token expires meanwhile…). */
  | { kind: 'delay'; ms: number }
  /** Drop the Range header before forwarding, so the registry answers 200 with the full body. */
  | { kind: 'ignore-range' }
  /** Buffer the real response and replace it with what `transform` returns. */
  | { kind: 'rewrite'; transform: (response: ProxiedResponse) => ProxiedResponse | Promise<ProxiedResponse> };

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The request that produced it (method and path with query). */
  request: { method: string; path: string };
}

export interface FaultRule {
  method?: string;
  /** Tested against the path with its query. */
  path?: RegExp;
  /** The first matching request (1-based) the fault applies to; default 1. */
  from?: number;
  /** How many consecutive matching requests it applies to; default 1 (Infinity allowed). */
  times?: number;
  fault: Fault;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lowercase names of the request headers present (never their values). */
  headerNames: string[];
  /** Values of headers that carry no secret: range, content-range, content-length, content-type. */
  values: Record<string, string>;
  status?: number;
  /** The `Range` header of the response (upload offsets), when there was one. */
  responseRange?: string;
  /** The fault applied, if any. */
  fault?: Fault['kind'];
}

export interface FaultProxy {
  url: string;
  host: string;
  port: number;
  readonly requests: RecordedRequest[];
  fault(rule: FaultRule): void;
  clearFaults(): void;
  clearRecord(): void;
  stop(): Promise<void>;
}

const recordedValues = ['range', 'content-range', 'content-length', 'content-type'];

/**
 * A fault-injecting reverse proxy on a free loopback port in front of `upstream` (a real
 * registry). Rewrites Location headers so the client keeps talking through it.
 */
export async function startFaultProxy(options: { upstream: string }): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  const rules: { rule: FaultRule; seen: number }[] = [];
  const requests: RecordedRequest[] = [];
  let self = '';

  const pickFault = (req: IncomingMessage): Fault | undefined => {
    // every rule counts every request it matches, so `from` means "the Nth such request" for each
    let picked: Fault | undefined;
    for (const entry of rules) {
      const { rule } = entry;
      if (rule.method && rule.method.toUpperCase() !== req.method) continue;
      if (rule.path && !rule.path.test(req.url ?? '')) continue;
      entry.seen += 1;
      const from = rule.from ?? 1;
      if (!picked && entry.seen >= from && entry.seen < from + (rule.times ?? 1)) picked = rule.fault;
    }
    return picked;
  };

  const server = createServer((req, res) => {
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headerNames: Object.keys(req.headers),
      values: Object.fromEntries(recordedValues.filter((name) => typeof req.headers[name] === 'string').map((name) => [name, req.headers[name] as string])),
    };
    requests.push(record);
    const fault = pickFault(req);
    if (fault) record.fault = fault.kind;
    handle(req, res, fault, record).catch(() => {
      res.socket?.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, fault: Fault | undefined, record: RecordedRequest): Promise<void> {
    if (fault?.kind === 'status') {
      req.resume();
      record.status = fault.status;
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body ?? JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'injected fault' }] }));
      return;
    }
    if (fault?.kind === 'redirect') {
      req.resume();
      record.status = fault.status ?? 307;
      res.writeHead(record.status, { location: new URL(req.url ?? '/', fault.to).href, 'content-length': '0' });
      res.end();
      return;
    }
    if (fault?.kind === 'delay') await sleep(fault.ms);
    const headers: OutgoingHttpHeaders = { ...req.headers, host: upstream.host };
    if (fault?.kind === 'ignore-range') delete headers.range;
    const upstreamReq = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: false });
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      upstreamReq.on('response', resolve);
      upstreamReq.on('error', reject);
    });
    if (fault?.kind === 'reset-request') {
      let forwarded = 0;
      req.on('data', (chunk: Buffer) => {
        if (forwarded >= fault.afterBytes) return;
        const slice = chunk.subarray(0, fault.afterBytes - forwarded);
        forwarded += slice.byteLength;
        upstreamReq.write(slice);
        if (forwarded >= fault.afterBytes) {
          // let the registry take in what was forwarded, then cut both sides mid-body
          setTimeout(() => {
            upstreamReq.destroy();
            req.socket.destroy();
          }, 200);
        }
      });
      req.on('end', () => upstreamReq.end());
      answered.catch(() => undefined);
      return;
    }
    req.pipe(upstreamReq);
    const upstreamRes = await answered;
    const status = upstreamRes.statusCode ?? 502;
    record.status = status;
    const outHeaders = rewriteHeaders(upstreamRes.headers);
    if (typeof upstreamRes.headers.range === 'string') record.responseRange = upstreamRes.headers.range;
    if (fault?.kind === 'header') {
      if (fault.value === undefined) delete outHeaders[fault.name.toLowerCase()];
      else outHeaders[fault.name.toLowerCase()] = fault.value;
    }
    switch (fault?.kind) {
      case 'reset-response': {
        res.writeHead(status, outHeaders);
        let sent = 0;
        for await (const chunk of upstreamRes as AsyncIterable<Buffer>) {
          const slice = chunk.subarray(0, Math.max(0, fault.afterBytes - sent));
          sent += slice.byteLength;
          if (slice.byteLength > 0) await new Promise<void>((resolve) => res.write(slice, () => resolve()));
          if (sent >= fault.afterBytes) break;
        }
        upstreamRes.destroy();
        res.socket?.resetAndDestroy();
        return;
      }
      case 'truncate': {
        delete outHeaders['content-length'];
        res.writeHead(status, outHeaders);
        let sent = 0;
        for await (const chunk of upstreamRes as AsyncIterable<Buffer>) {
          const slice = chunk.subarray(0, Math.max(0, fault.afterBytes - sent));
          sent += slice.byteLength;
          if (slice.byteLength > 0) res.write(slice);
          if (sent >= fault.afterBytes) break;
        }
        upstreamRes.destroy();
        res.end();
        return;
      }
      case 'content-length': {
        const body = await collect(upstreamRes);
        outHeaders['content-length'] = String(fault.value);
        outHeaders.connection = 'close';
        const head = [`HTTP/1.1 ${status} ${upstreamRes.statusMessage ?? ''}`, ...Object.entries(outHeaders).map(([k, v]) => `${k}: ${String(v)}`)];
        const socket = res.socket;
        if (!socket) return;
        res.detachSocket(socket);
        socket.write(`${head.join('\r\n')}\r\n\r\n`);
        if (fault.close === 'fin') socket.end(body);
        else socket.write(body, () => setTimeout(() => socket.resetAndDestroy(), 50));
        return;
      }
      case 'drip': {
        res.writeHead(status, outHeaders);
        for await (const chunk of upstreamRes as AsyncIterable<Buffer>) {
          for (let at = 0; at < chunk.byteLength; at += fault.bytesPerTick) {
            res.write(chunk.subarray(at, at + fault.bytesPerTick));
            await sleep(fault.tickMs ?? 5);
          }
        }
        res.end();
        return;
      }
      case 'rewrite': {
        const body = await collect(upstreamRes);
        const flat = Object.fromEntries(Object.entries(outHeaders).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
        const out = await fault.transform({ status, headers: flat, body, request: { method: req.method ?? '', path: req.url ?? '' } });
        record.status = out.status;
        const finalHeaders = { ...out.headers };
        if (req.method !== 'HEAD') finalHeaders['content-length'] = String(out.body.byteLength);
        delete finalHeaders['transfer-encoding'];
        res.writeHead(out.status, finalHeaders);
        res.end(req.method === 'HEAD' ? undefined : out.body);
        return;
      }
      default:
        res.writeHead(status, outHeaders);
        upstreamRes.pipe(res);
    }
  }

  function rewriteHeaders(headers: IncomingMessage['headers']): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || name === 'connection' || name === 'keep-alive') continue;
      out[name] = value;
    }
    const location = out.location;
    if (typeof location === 'string') {
      const target = new URL(location, upstream);
      if (target.origin === upstream.origin) out.location = `${self}${target.pathname}${target.search}`;
    }
    return out;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  self = `http://127.0.0.1:${port}`;

  return {
    url: self,
    host: `127.0.0.1:${port}`,
    port,
    requests,
    fault: (rule) => rules.push({ rule, seen: 0 }),
    clearFaults: () => void rules.splice(0),
    clearRecord: () => void requests.splice(0),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}
