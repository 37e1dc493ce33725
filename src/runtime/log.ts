/**
 * The gateway's log: startup lines, one access line per request and endpoint
 * errors. Lines are collected and written once per event-loop turn, so a busy
 * gateway makes one write system call per batch instead of one per request.
 */
import { writeSync } from 'node:fs';
import { formatGoDuration } from './duration.ts';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

const LEVEL_RANK: Record<LogLevel, number> = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3, CRITICAL: 4 };

let pending = '';
let scheduled = false;
let minimumRank = LEVEL_RANK.INFO;
let sink: ((text: string) => void) | null = null;

function write(text: string): void {
  if (sink !== null) {
    sink(text);
    return;
  }
  if (!process.stdout.write(text)) {
    // Back-pressure on stdout: keep going, the stream buffers it.
  }
}

function flushSoon(): void {
  scheduled = false;
  if (pending === '') return;
  const text = pending;
  pending = '';
  write(text);
}

/** Appends one line to the log (written on the next turn of the event loop). */
export function logLine(line: string): void {
  pending += line + '\n';
  if (!scheduled) {
    scheduled = true;
    setImmediate(flushSoon);
  }
}

/** Writes everything still buffered, synchronously (used on exit). */
export function flushLogs(): void {
  if (pending === '') return;
  const text = pending;
  pending = '';
  if (sink !== null) sink(text);
  else {
    try {
      writeSync(1, text);
    } catch {
      // stdout closed: nothing left to tell.
    }
  }
}

/** Redirects log output (tests); `null` restores stdout. */
export function setLogSink(next: ((text: string) => void) | null): void {
  sink = next;
}

/** Messages below this level are dropped (DEBUG shows the /__debug/ request dumps). */
export function setLogLevel(level: LogLevel): void {
  minimumRank = LEVEL_RANK[level];
}

export function logEnabled(level: LogLevel): boolean {
  return LEVEL_RANK[level] >= minimumRank;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

let stampSecond = -1;
let stampDate = '';
let stampTime = '';

function refreshStamp(now: number): void {
  const second = Math.floor(now / 1000);
  if (second === stampSecond) return;
  stampSecond = second;
  const d = new Date(now);
  stampDate = `${d.getFullYear()}/${pad2(d.getMonth() + 1)}/${pad2(d.getDate())}`;
  stampTime = `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** `2006/01/02 15:04:05 KD LEVEL: message` */
export function logMessage(level: LogLevel, message: string): void {
  if (LEVEL_RANK[level] < minimumRank) return;
  refreshStamp(Date.now());
  logLine(`${stampDate} ${stampTime} KD ${level}: ${message}`);
}

function padStart(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

function padEnd(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

/**
 * One access-log line in the router's layout:
 * `[KD] 2006/01/02 - 15:04:05 | 200 |     1.234ms |       127.0.0.1 | GET      "/path?q"`.
 */
export function logAccess(status: number, latencyNs: number, clientIp: string, method: string, url: string): void {
  refreshStamp(Date.now());
  let latency = latencyNs;
  if (latency > 60e9) latency = Math.floor(latency / 1e9) * 1e9;
  logLine(
    `[KD] ${stampDate} - ${stampTime} | ${padStart(String(status), 3)} | ${padStart(formatGoDuration(latency), 13)} | ${padStart(clientIp, 15)} | ${padEnd(method, 7)} ${JSON.stringify(url)}`,
  );
}
