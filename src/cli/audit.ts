export async function runAudit(_opts: Record<string, unknown>): Promise<number> {
  process.stderr.write('kd audit: not available yet\n');
  return 1;
}
