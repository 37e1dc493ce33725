export async function runBuild(_opts: Record<string, unknown>): Promise<number> {
  process.stderr.write('kd build: not available yet\n');
  return 1;
}
