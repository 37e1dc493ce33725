/**
 * The bot detector (`security/bot-detector`): requests whose User-Agent is
 * listed in `deny`, or matches one of the `patterns`, are refused with an
 * empty 403, unless the User-Agent is listed in `allow`.
 */
import type { Exchange } from './exchange.ts';

export interface BotDetectorSettings {
  /** Exact User-Agents always let through. */
  allow: string[];
  /** Exact User-Agents always refused. */
  deny: string[];
  /** Regular expressions (checked unanchored, as Go's MatchString does). */
  patterns: { source: string; flags: string }[];
  emptyUserAgentIsBot: boolean;
}

export class BotDetector {
  private readonly allow: ReadonlySet<string>;
  private readonly deny: ReadonlySet<string>;
  private readonly patterns: readonly RegExp[];
  private readonly emptyIsBot: boolean;

  constructor(settings: BotDetectorSettings) {
    this.allow = new Set(settings.allow);
    this.deny = new Set(settings.deny);
    this.patterns = settings.patterns.map((p) => new RegExp(p.source, p.flags));
    this.emptyIsBot = settings.emptyUserAgentIsBot;
  }

  isBot(userAgent: string): boolean {
    if (userAgent === '') return this.emptyIsBot;
    if (this.allow.has(userAgent)) return false;
    if (this.deny.has(userAgent)) return true;
    for (const p of this.patterns) if (p.test(userAgent)) return true;
    return false;
  }
}

/** Builds a detector from baked settings. */
export function botDetector(settings: BotDetectorSettings): BotDetector {
  return new BotDetector(settings);
}

/** Refuses the request with an empty 403 when it comes from a bot; true when refused. */
export function rejectBots(x: Exchange, detector: BotDetector): boolean {
  if (!detector.isBot(x.header('user-agent') ?? '')) return false;
  x.send(403, [], null);
  return true;
}
