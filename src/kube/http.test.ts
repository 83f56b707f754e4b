import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { request, type HttpTarget } from './http.ts';

// What the API server receives of a request: a DELETE's DeleteOptions (propagation policy, UID precondition, grace
// period) are read only when the body's length is said; Node frames no DELETE body by itself.
const seen: { method?: string; length?: string; chunked?: string; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    seen.push({ method: req.method, length: req.headers['content-length'], chunked: req.headers['transfer-encoding'], body });
    res.end('{}');
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const target = { server: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), kc: { applyToHTTPSOptions: async () => undefined }, headers: {} } as unknown as HttpTarget;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('request', () => {
  it.each(['DELETE', 'POST', 'PATCH'])('sends a %s body with its length', async (method) => {
    seen.length = 0;
    const body = JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', preconditions: { uid: 'ü-1' } });
    expect(await request(target, method, '/x', { timeoutMs: 5000, body, contentType: 'application/json' })).toMatchObject({ status: 200 });
    expect(seen).toEqual([{ method, length: String(Buffer.byteLength(body)), chunked: undefined, body }]);
  });

  it('sends no length without a body', async () => {
    seen.length = 0;
    await request(target, 'GET', '/x', { timeoutMs: 5000 });
    expect(seen).toEqual([{ method: 'GET', length: undefined, chunked: undefined, body: '' }]);
  });
});
