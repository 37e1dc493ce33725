export async function runRender(_opts: Record<string, unknown>): Promise<number> {
  process.stderr.write('kd render: not available yet\n');
  return 1;
}
