/**
 * kd's command line. Each command lives in its own module, loaded only when
 * the command runs, so `kd check` does not pay for the code generator.
 */
import { Command, CommanderError, Option } from 'commander';
import { mark } from '../diagnostics/timing.ts';
import { VERSION } from '../version.ts';
import { EXIT_FAIL, EXIT_USAGE, UsageError } from './exit.ts';

function count(_value: string, previous: number): number {
  return Math.min(3, previous + 1);
}

/** Sets the exit code and ends the process once stdout and stderr are written (no need to wait for the heap to be torn down). */
async function finish(code: number): Promise<void> {
  process.exitCode = code;
  const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  mark('exit');
  process.exit(code);
}

async function guarded(action: () => Promise<number>): Promise<void> {
  let code: number;
  try {
    code = await action();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`kd: ${e.message}\n`);
      code = EXIT_USAGE;
    } else {
      process.stderr.write(`kd: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      code = EXIT_FAIL;
    }
  }
  await finish(code);
}

export function buildProgram(): Command {
  const program = new Command('kd')
    .description('KrakenD-compatible API gateway toolchain: check, audit, render and compile gateway configurations')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const check = program
    .command('check')
    .alias('validate')
    .description('validate a configuration (syntax, semantics and, with --lint, the schema)')
    .argument('[files...]', 'configuration files to check, as an alternative to -c (used by the pre-commit hook)')
    .option('-c, --config <file>', 'path to the configuration file (or base template)')
    .option('-d, --debug', 'print the parsed configuration (repeat up to -ddd for more detail)', count, 0)
    .option('-i, --indent <string>', 'indentation unit of the debug dump', '\t')
    .option('-l, --lint', 'validate against the JSON schema')
    .option('-n, --lint-no-network', 'validate against the JSON schema bundled with kd (same as --lint)')
    .option('-s, --lint-schema <path|url>', 'validate against a custom JSON schema (path or URL)')
    .option('-t, --test-gin-routes', 'bind the configured port and register every route for a moment')
    .addOption(new Option('--test-routes', 'alias of --test-gin-routes').hideHelp())
    .option('--strict', 'treat warnings as errors')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (files: string[], opts) => guarded(async () => (await import('./check.ts')).runCheckFiles(files, opts)));
  void check;

  program
    .command('audit')
    .description('audit a configuration against security and best-practice rules')
    .option('-c, --config <file>', 'path to the configuration file (or base template)')
    .option('-s, --severity <list>', 'comma-separated severities to report', 'CRITICAL,HIGH,MEDIUM,LOW')
    .option('-i, --ignore <list>', 'comma-separated rule ids to ignore (x.y.z)')
    .option('-I, --ignore-file <file>', 'file with one rule id to ignore per line')
    .option('-f, --format <template>', 'Go template over .Recommendations (.Rule, .Severity, .Message)')
    .addOption(new Option('-o, --output <kind>', 'structured output instead of --format').choices(['text', 'json', 'sarif']))
    .action(async (opts) => guarded(async () => (await import('./audit.ts')).runAudit(opts)));

  program
    .command('render')
    .description('render a (flexible) configuration to its final JSON')
    .option('-c, --config <file>', 'path to the configuration file (or base template)')
    .option('-o, --out <file>', 'write the result to this file (atomically) instead of stdout')
    .action(async (opts) => guarded(async () => (await import('./render.ts')).runRender(opts)));

  program
    .command('template')
    .description('render one Go template with JSON data (for debugging templates)')
    .argument('<file>', 'the template file')
    .option('--data <file>', 'JSON file with the data (decoded as Go decodes JSON)')
    .option('--templates <dir>', 'folder whose *.tmpl files are available to {{ template }}')
    .option('--partials <dir>', 'folder that include reads from')
    .action(async (file, opts) => guarded(async () => (await import('./template.ts')).runTemplate(file, opts)));

  program
    .command('build')
    .description('compile the configuration into a standalone gateway (DIR/gateway.js)')
    .option('-c, --config <file>', 'path to the configuration file (or base template)')
    .option('-o, --out-dir <dir>', 'output folder', 'dist')
    .option('--emit-ts', 'keep the generated gateway.ts beside the bundle')
    .option('--strict', 'treat warnings as errors')
    .action(async (opts) => guarded(async () => (await import('./build.ts')).runBuild(opts)));

  program
    .command('run')
    .description('build the gateway into a temporary folder and serve it')
    .option('-c, --config <file>', 'path to the configuration file (or base template)')
    .option('-p, --port <port>', 'listen on this port instead of the configured one')
    .option('-d, --debug', 'enable the /__debug/ endpoint')
    .action(async (opts) => guarded(async () => (await import('./run.ts')).runRun(opts)));

  program
    .command('watch')
    .description('serve the gateway and rebuild it whenever the configuration changes')
    .option('-c, --config <file>', 'path to the configuration file (or base template)')
    .option('-p, --port <port>', 'listen on this port instead of the configured one')
    .option('-d, --debug', 'enable the /__debug/ endpoint')
    .action(async (opts) => guarded(async () => (await import('./watch.ts')).runWatch(opts)));

  program
    .command('version')
    .description('print the version')
    .action(() => {
      process.stdout.write(`kd ${VERSION}\nNode.js ${process.version}\n`);
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  mark('cli');
  const program = buildProgram();
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') {
        process.exitCode = 0;
        return;
      }
      process.exitCode = EXIT_USAGE;
      return;
    }
    throw e;
  }
}

void main(process.argv);
