/**
 * `kd watch`: serves the gateway and rebuilds it whenever the configuration
 * changes (the config file, every `$ref`ed file and the flexible-config
 * folders). A good build replaces the running gateway gracefully (the old
 * one stops accepting and finishes its requests; the new one takes the
 * port); a broken one is reported and the last good gateway keeps serving.
 */
import { watch } from 'chokidar';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildGateway } from './build.ts';
import { EXIT_OK } from './exit.ts';
import { requireConfig } from './pipeline.ts';
import { printDiagnostics } from './report.ts';
import { GatewayProcess, gatewayFlags } from './run.ts';

export interface WatchCommandOptions {
  config?: string;
  port?: string;
  debug?: boolean;
}

const DEBOUNCE_MS = 150;

function say(message: string): void {
  process.stderr.write(`kd watch: ${message}\n`);
}

export async function runWatch(opts: WatchCommandOptions): Promise<number> {
  const config = requireConfig(opts.config);
  const flags = gatewayFlags(opts);
  const configPath = resolve(config);
  const watcher = watch([configPath], { ignoreInitial: true, awaitWriteFinish: false });
  let watched = new Set<string>([configPath]);

  let current: { gateway: GatewayProcess; dir: string } | null = null;
  let building = false;
  let again = false;
  let finished = false;

  const updateWatched = (paths: readonly string[]) => {
    const next = new Set([configPath, ...paths.map((p) => resolve(p))]);
    const added = [...next].filter((p) => !watched.has(p));
    const removed = [...watched].filter((p) => !next.has(p));
    if (added.length > 0) watcher.add(added);
    if (removed.length > 0) watcher.unwatch(removed);
    watched = next;
  };

  const rebuild = async (): Promise<void> => {
    if (building) {
      again = true;
      return;
    }
    building = true;
    do {
      again = false;
      const dir = mkdtempSync(join(tmpdir(), 'kd-watch-'));
      const outcome = await buildGateway(config, join(dir, 'gateway'));
      if (finished) {
        rmSync(dir, { recursive: true, force: true });
        break;
      }
      if (outcome.loaded !== undefined) updateWatched([...outcome.loaded.files, ...outcome.loaded.dirs]);
      printDiagnostics(outcome.diagnostics);
      if (!outcome.ok || outcome.file === undefined) {
        rmSync(dir, { recursive: true, force: true });
        say(current === null ? 'the configuration has errors; waiting for a change' : 'the configuration has errors; the last good gateway keeps running');
        continue;
      }
      say(outcome.summary ?? 'built');
      const previous = current;
      if (previous !== null) {
        previous.gateway.stop('SIGTERM');
        await previous.gateway.listenerClosed;
        void previous.gateway.exited.then(() => rmSync(previous.dir, { recursive: true, force: true }));
      }
      const gateway = new GatewayProcess(outcome.file, flags);
      current = { gateway, dir };
      const port = await gateway.listening;
      if (port === null) say('the gateway did not start');
      else say(previous === null ? `serving on port ${port}` : `restarted on port ${port}`);
    } while (again && !finished);
    building = false;
  };

  let timer: NodeJS.Timeout | null = null;
  const schedule = (event: string, path: string) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      say(`${path} ${event === 'unlink' ? 'removed' : 'changed'}; rebuilding`);
      void rebuild();
    }, DEBOUNCE_MS);
  };
  watcher.on('all', (event, path) => {
    if (event === 'add' || event === 'change' || event === 'unlink' || event === 'addDir' || event === 'unlinkDir') schedule(event, path);
  });

  await rebuild();

  return new Promise<number>((done) => {
    let signals = 0;
    const stop = async () => {
      signals++;
      if (signals > 1) {
        current?.gateway.stop('SIGKILL');
        return;
      }
      finished = true;
      if (timer !== null) clearTimeout(timer);
      await watcher.close();
      const last = current;
      if (last !== null) {
        last.gateway.stop('SIGTERM');
        await last.gateway.exited;
        rmSync(last.dir, { recursive: true, force: true });
      }
      done(EXIT_OK);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  });
}
