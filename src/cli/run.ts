/**
 * `kd run`: builds the gateway into a temporary folder and serves it as a
 * child process. Ctrl-C (or SIGTERM) is passed on once: the gateway stops
 * accepting, finishes the requests in flight and exits; a second Ctrl-C
 * stops it at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGateway } from './build.ts';
import { EXIT_FAIL, UsageError } from './exit.ts';
import { requireConfig } from './pipeline.ts';
import { printDiagnostics } from './report.ts';

export interface RunCommandOptions {
  config?: string;
  port?: string;
  debug?: boolean;
}

/** The gateway's command-line flags for `-p` and `-d`; UsageError on a bad port. */
export function gatewayFlags(opts: { port?: string; debug?: boolean }): string[] {
  const flags: string[] = [];
  if (opts.port !== undefined) {
    if (!/^\d+$/.test(opts.port) || Number(opts.port) > 65535) throw new UsageError(`invalid port ${JSON.stringify(opts.port)}: use a number from 0 to 65535`);
    flags.push('-p', String(Number(opts.port)));
  }
  if (opts.debug) flags.push('-d');
  return flags;
}

interface GatewayMessage {
  type?: string;
  port?: number;
}

/** A built gateway running as a child process. */
export class GatewayProcess {
  readonly child: ChildProcess;
  /** Resolves with the port once the gateway listens, or null if it exited first. */
  readonly listening: Promise<number | null>;
  /** Resolves with the exit code (1 when killed by a signal). */
  readonly exited: Promise<number>;
  /** Resolves once the gateway stopped accepting connections (or exited). */
  readonly listenerClosed: Promise<void>;
  private stopping = 0;

  constructor(file: string, flags: readonly string[]) {
    this.child = spawn(process.execPath, [file, ...flags], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      this.child.once('error', () => resolve(EXIT_FAIL));
    });
    this.listening = new Promise((resolve) => {
      this.child.on('message', (m: GatewayMessage) => {
        if (m?.type === 'kd:listening') resolve(m.port ?? null);
      });
      void this.exited.then(() => resolve(null));
    });
    this.listenerClosed = new Promise((resolve) => {
      this.child.on('message', (m: GatewayMessage) => {
        if (m?.type === 'kd:closed') resolve();
      });
      void this.exited.then(() => resolve());
    });
  }

  /** Asks for a graceful stop (the second call stops it at once). */
  stop(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.stopping++;
    try {
      this.child.kill(this.stopping > 1 ? 'SIGKILL' : signal);
    } catch {
      // already gone
    }
  }
}

export async function runRun(opts: RunCommandOptions): Promise<number> {
  const config = requireConfig(opts.config);
  const flags = gatewayFlags(opts);
  const dir = mkdtempSync(join(tmpdir(), 'kd-run-'));
  try {
    const outcome = await buildGateway(config, join(dir, 'gateway'));
    printDiagnostics(outcome.diagnostics);
    if (!outcome.ok || outcome.file === undefined) {
      process.stderr.write('kd run: the configuration has errors; the gateway was not started\n');
      return EXIT_FAIL;
    }
    const gateway = new GatewayProcess(outcome.file, flags);
    const onSignal = (signal: NodeJS.Signals) => gateway.stop(signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    const code = await gateway.exited;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    return code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
