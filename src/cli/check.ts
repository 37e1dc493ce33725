export async function runCheck(_opts: Record<string, unknown>): Promise<number> {
  process.stderr.write('kd check: not available yet\n');
  return 1;
}
