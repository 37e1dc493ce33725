export async function runWatch(_opts: Record<string, unknown>): Promise<number> {
  process.stderr.write('kd watch: not available yet\n');
  return 1;
}
