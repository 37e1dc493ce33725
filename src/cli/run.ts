export async function runRun(_opts: Record<string, unknown>): Promise<number> {
  process.stderr.write('kd run: not available yet\n');
  return 1;
}
