/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** The config has errors, or the audit found something at the chosen severities. */
export const EXIT_FAIL = 1;
/** The command was misused: unknown flag, missing argument, missing file. */
export const EXIT_USAGE = 2;

/** Thrown for usage errors; main prints it and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
