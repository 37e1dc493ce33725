export async function runTemplate(_file: string, _opts: Record<string, unknown>): Promise<number> {
  process.stderr.write('kd template: not available yet\n');
  return 1;
}
