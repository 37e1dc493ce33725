/**
 * Phase timings for performance work: with KD_TIMINGS=1 every command prints,
 * on stderr, how long each phase took since the process started.
 */
const enabled = process.env.KD_TIMINGS === '1';
let last = performance.now();

export function mark(phase: string): void {
  if (!enabled) return;
  const now = performance.now();
  process.stderr.write(`[kd timing] ${phase}: +${(now - last).toFixed(1)} ms (at ${now.toFixed(1)} ms)\n`);
  last = now;
}
