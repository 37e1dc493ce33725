// Helpers for the gateway's HTTP tests: a scriptable backend, building a
// gateway with the real CLI, running it as a child process on a free port,
// and a raw HTTP client that shows exactly what the gateway answered.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kd } from '../support/cli.ts';

/** What a backend received. */
export interface Received {
  method: string;
  url: string;
  /** Raw header pairs as sent on the wire (names as written). */
  rawHeaders: string[];
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type BackendHandler = (req: Received, res: ServerResponse) => void;

export interface Backend {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/** Starts a backend on 127.0.0.1 (port 0) answering with `handler`. */
export async function startBackend(handler: BackendHandler): Promise<Backend> {
  const received: Received[] = [];
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      handler(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends JSON. */
export function json(res: ServerResponse, value: unknown, status = 200, extra: Record<string, string> = {}): void {
  const body = typeof value === 'string' ? value : JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

export interface Built {
  dir: string;
  file: string;
  status: number;
  stdout: string;
  stderr: string;
}

const tempDirs: string[] = [];

/** A fresh temporary folder, removed by `cleanTemp()`. */
export function tempDir(prefix = 'kd-gw-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function cleanTemp(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `config` and builds it with `kd build` (optionally with extra flags). */
export function buildConfig(config: object | string, extraArgs: string[] = [], fileName = 'krakend.json'): Built {
  const dir = tempDir();
  const configFile = join(dir, fileName);
  writeFileSync(configFile, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  const out = join(dir, 'dist');
  const r = kd(['build', '-c', configFile, '-o', out, ...extraArgs], { cwd: dir });
  return { dir, file: join(out, 'gateway.js'), status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface RunningGateway {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the gateway printed so far. */
  output(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Runs a built gateway on a free port (`-p 0`) and waits until it listens. */
export async function runGateway(file: string, options: { env?: Record<string, string>; args?: string[] } = {}): Promise<RunningGateway> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const k of Object.keys(env)) if (k.startsWith('KRAKEND_') && !(options.env && k in options.env)) delete env[k];
  const child = spawn(process.execPath, [file, '-p', '0', ...(options.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: env as NodeJS.ProcessEnv });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 15_000);
    child.on('message', (m: { type?: string; port?: number }) => {
      if (m.type === 'kd:listening' && m.port !== undefined) {
        clearTimeout(timer);
        resolve(m.port);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface Answer {
  status: number;
  /** Header names lower-cased; repeated headers joined by Node (set-cookie stays a list). */
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

/** One request with a fresh connection; nothing added beyond what is given (plus Host). */
export function request(url: string, options: { method?: string; headers?: Record<string, string | string[]>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = { ...options.headers };
    // Node's client would send a GET body without any length
    if (options.body !== undefined && !Object.keys(headers).some((k) => /^(content-length|transfer-encoding)$/i.test(k))) headers['Content-Length'] = String(Buffer.byteLength(options.body));
    const req = http.request(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/** Sends raw bytes on a new connection and returns everything the server wrote before closing (or `waitMs`). */
export function rawRequest(port: number, data: string | Buffer, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    const done = () => {
      socket.destroy();
      resolve(out);
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (c) => (out += c.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.on('error', () => undefined);
    socket.write(data);
  });
}

/** The headers a backend received, as `Name: value` lines sorted (names as the gateway wrote them). */
export function headerPairs(r: Received): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i < r.rawHeaders.length; i += 2) (out[r.rawHeaders[i]!.toLowerCase()] ??= []).push(r.rawHeaders[i + 1]!);
  return out;
}

/** Polls `check` until it holds (or fails the test after `timeoutMs`). */
export async function waitFor(check: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Retries `attempt` until it resolves (connection errors while a server starts are expected). */
export async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
