// Headless Chromium (Debian's /usr/bin/chromium) driven over the DevTools protocol, with the `ws` the project already
// has: open a page, evaluate, type and press keys, take a screenshot. Every wait has a deadline.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/** Where the browser is: $LABS_CHROMIUM, else Debian's chromium. */
export const CHROMIUM = process.env.LABS_CHROMIUM ?? '/usr/bin/chromium';

/** A page in a headless browser. */
export interface Page {
  eval<T>(expression: string): Promise<T>;
  /** Polls `expression` until it is truthy, or fails after `ms` with what it last was. */
  waitFor(expression: string, ms?: number): Promise<void>;
  type(text: string): Promise<void>;
  press(key: 'Enter' | 'Tab' | 'ArrowDown'): Promise<void>;
  screenshot(): Promise<Buffer>;
  close(): Promise<void>;
}

const KEYS = { Enter: { code: 'Enter', keyCode: 13, text: '\r' }, Tab: { code: 'Tab', keyCode: 9, text: '' }, ArrowDown: { code: 'ArrowDown', keyCode: 40, text: '' } } as const;

function until<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** Starts the browser on `url` at the given window size. */
export async function openPage(url: string, width = 1400, height = 1000): Promise<Page> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium), as scripts/test-all does`);
  const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
  const proc: ChildProcess = spawn(CHROMIUM, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage', `--user-data-dir=${profile}`, '--remote-debugging-port=0', `--window-size=${width},${height}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  const endpoint = await until(new Promise<string>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    proc.on('exit', (code) => reject(new Error(`chromium exited ${code}: ${stderr.slice(-500)}`)));
  }), 30_000, 'chromium start-up');
  const port = new URL(endpoint).port;
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { type: string; webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(list.find((t) => t.type === 'page')!.webSocketDebuggerUrl);
  await until(new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject)), 10_000, 'devtools connection');
  let next = 0;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const events: { method: string }[] = [];
  ws.on('message', (raw) => {
    const msg = JSON.parse(raw.toString()) as { id?: number; result?: unknown; error?: { message: string }; method?: string };
    if (msg.id !== undefined) {
      const w = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error) w?.reject(new Error(msg.error.message));
      else w?.resolve(msg.result);
    } else if (msg.method) events.push({ method: msg.method });
  });
  const send = <T>(method: string, params: object = {}): Promise<T> => {
    const id = ++next;
    ws.send(JSON.stringify({ id, method, params }));
    return until(new Promise<T>((resolve, reject) => waiting.set(id, { resolve, reject })), 15_000, method);
  };
  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await send<{ result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', { expression, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  await send('Page.enable');
  await send('Page.navigate', { url });
  const page: Page = {
    eval: evaluate,
    async waitFor(expression, ms = 10_000) {
      const end = Date.now() + ms;
      let last: unknown;
      for (;;) {
        last = await evaluate(expression).catch((e: Error) => e.message);
        if (last === true) return;
        if (Date.now() > end) throw new Error(`waited ${ms} ms for ${expression}; last ${JSON.stringify(last)}`);
        await new Promise<void>((resolve) => { ws.once('message', () => resolve()); setTimeout(resolve, 50); });
      }
    },
    async type(text) {
      await send('Input.insertText', { text });
    },
    async press(key) {
      const k = KEYS[key];
      await send('Input.dispatchKeyEvent', { type: 'keyDown', key, code: k.code, windowsVirtualKeyCode: k.keyCode, ...(k.text ? { text: k.text } : {}) });
      await send('Input.dispatchKeyEvent', { type: 'keyUp', key, code: k.code, windowsVirtualKeyCode: k.keyCode });
    },
    async screenshot() {
      const r = await send<{ data: string }>('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
      return Buffer.from(r.data, 'base64');
    },
    async close() {
      ws.close();
      // The whole process group: the renderers and helpers still write to the profile after the browser itself is gone.
      const exited = new Promise((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve(undefined) : proc.once('exit', resolve)));
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        proc.kill('SIGKILL');
      }
      await until(exited, 10_000, 'chromium exit');
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
  await page.waitFor("document.readyState === 'complete'", 15_000);
  return page;
}
