import { type KubeConfig } from '@kubernetes/client-node';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { InterruptedError, KubeError, errorMessage } from '../errors.ts';
import { MSG } from './messages.ts';

/** Where requests go: the API server, the credentials, and extra headers (impersonation). */
export interface HttpTarget {
  server: URL;
  kc: KubeConfig;
  headers: Record<string, string>;
}

/** One request's options: a deadline, a signal, a body, and a line handler for streams (watches). */
export interface RequestSpec {
  timeoutMs: number;
  signal?: AbortSignal;
  body?: string;
  contentType?: string;
  /** Called with each complete line of the body as it arrives (the body is then not kept). */
  onLine?: (line: string) => void;
}

/**
 * One HTTP request to the API server. It ends when the response ends, when `timeoutMs` passes (an error)
 * or when the signal aborts (an InterruptedError); either way the socket is destroyed, and no listener is
 * left on the caller's signal.
 */
/** Requests this process has sent to API servers (watches and execs included), for benchmarks. */
export const apiRequests = { count: 0 };

export async function request(t: HttpTarget, method: string, path: string, spec: RequestSpec): Promise<{ status: number; text: string }> {
  if (spec.signal?.aborted) throw new InterruptedError();
  apiRequests.count++;
  // Listen on a signal of this request's own: many requests at once never pile listeners onto the caller's.
  const signal = spec.signal ? AbortSignal.any([spec.signal]) : undefined;
  const opts: RequestOptions = {
    method,
    hostname: t.server.hostname,
    port: t.server.port || (t.server.protocol === 'https:' ? 443 : 80),
    path: t.server.pathname.replace(/\/$/, '') + path,
    // A body's length is always said: Node frames no body of a DELETE by itself, and the API server would not read
    // its DeleteOptions (propagation, preconditions, grace period) at all.
    headers: { Accept: 'application/json', ...t.headers, ...(spec.contentType ? { 'Content-Type': spec.contentType } : {}), ...(spec.body !== undefined ? { 'Content-Length': Buffer.byteLength(spec.body) } : {}) },
  };
  await t.kc.applyToHTTPSOptions(opts);
  const send = t.server.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (f: () => void) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      f();
    };
    const req = send(opts, (res) => {
      const chunks: Buffer[] = [];
      let partial = '';
      res.on('data', (c: Buffer) => {
        if (!spec.onLine || (res.statusCode ?? 0) >= 300) return void chunks.push(c);
        const lines = (partial + c.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        try {
          for (const l of lines) if (l.trim()) spec.onLine(l);
        } catch (e) {
          req.destroy();
          finish(() => reject(e));
        }
      });
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })));
      res.on('error', (e) => finish(() => reject(e)));
      res.on('aborted', () => finish(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })));
    });
    const onAbort = () => {
      req.destroy();
      finish(() => reject(new InterruptedError()));
    };
    const timer = setTimeout(() => {
      req.destroy();
      // A watch that reached its own deadline simply ends; the caller reconnects.
      if (spec.onLine) finish(() => resolve({ status: 200, text: '' }));
      else finish(() => reject(new Error(`no answer in ${Math.round(spec.timeoutMs / 1000)}s`)));
    }, spec.timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => finish(() => reject(e)));
    if (spec.body) req.write(spec.body);
    req.end();
  });
}

/** An API server answer that is not a success, as a KubeError with the server's message, status and reason. */
export function apiError(res: { status: number; text: string }, what: string): KubeError {
  let json: { message?: string; reason?: string } | undefined;
  try {
    json = JSON.parse(res.text) as typeof json;
  } catch {
    json = undefined;
  }
  const message = json?.message ?? res.text.slice(0, 200);
  const hint =
    res.status === 401 || res.status === 403
      ? MSG.notAllowed
      : res.status === 422
        ? MSG.invalidObject
        : undefined;
  return new KubeError(MSG.apiAnswer(what, message, res.status), hint, res.status, json?.reason);
}

/** A request that never got an answer: the API server is down, unreachable, or too slow. */
export function unreachable(t: HttpTarget, e: unknown, what: string): KubeError {
  if (e instanceof KubeError) return e;
  const msg = errorMessage(e);
  return new KubeError(
    MSG.unreachable(what, t.server.origin, msg),
    MSG.unreachableHint,
  );
}
