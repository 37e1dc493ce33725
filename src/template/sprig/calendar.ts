/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since
 * 1970-01-01), exact for any year a float64 day count can hold.
 */

/** Whether `year` is a leap year. */
export const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

/** Days since 1970-01-01 of year-month-day; `day` may exceed the month (it simply adds days). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Count from March so the leap day ends the year.
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = floorDiv(153 * mp + 2, 5);
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}

/** Year, month (1–12) and day of a day number. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const d = doy - floorDiv(153 * mp + 2, 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

/** Day of the week (0 = Sunday) of a day number. */
export const weekday = (days: number): number => (((days + 4) % 7) + 7) % 7;

/** 1-based day of the year. */
export function yearDay(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) - daysFromCivil(year, 1, 1) + 1;
}

/** English day names, Sunday first (Go's time.Weekday names). */
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** English month names (Go's time.Month names). */
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Days before the first of each month in a common year (index 0 = January, 12 = the whole year). */
export const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/** Number of days in `month` (1–12) of `year`. */
export function daysIn(month: number, year: number): number {
  if (month === 2 && isLeap(year)) return 29;
  return DAYS_BEFORE[month]! - DAYS_BEFORE[month - 1]!;
}
