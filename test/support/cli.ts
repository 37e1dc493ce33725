// Runs the built kd CLI as a real process and captures what it prints.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const KD = fileURLToPath(new URL('../../build/kd.cjs', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function kd(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined };
  for (const [k, v] of Object.entries(opts.env ?? {})) env[k] = v;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const o: SpawnSyncOptions = { cwd: opts.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8', input: opts.input, timeout: 60_000 };
  const r = spawnSync(process.execPath, [KD, ...args], o);
  return { status: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
