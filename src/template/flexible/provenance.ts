/**
 * From the rendered output back to the sources: every location of the parsed
 * rendered config is moved to the template text that produced it, or — when a
 * template printed a settings value (`{{ .service.port }}`, `{{ marshal
 * .service.extra_config }}`) — to the settings file that holds the value.
 * Diagnostics at a moved location get notes with the rendered line and the
 * template action, so a user sees all three places.
 */
import { readFileSync } from 'node:fs';
import { LineIndex, type Diagnostic, type DiagnosticNote, type SourceSpan } from '../../diagnostics/diagnostic.ts';
import { DeferredLocationMap } from '../../formats/json-deferred.ts';
import { joinPointer, type LocationMap, type NodeLocation } from '../../formats/types.ts';
import type { SourceMapEntry } from '../go/index.ts';
import type { RenderedConfig } from './render.ts';

export interface Provenance {
  /** Locations moved to templates and settings files. */
  locations: LocationMap;
  /** Adds the rendered-output and template notes to a diagnostic located by `locations`. */
  explain(d: Diagnostic): Diagnostic;
}

const spanKey = (s: { file: string; line: number; column: number }) => `${s.file}:${s.line}:${s.column}`;

function entryIndexAt(map: readonly SourceMapEntry[], offset: number): number {
  let lo = 0;
  let hi = map.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid]!.outputOffset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Pointers of every object and list of the settings tree. */
function settingsPointers(data: unknown): WeakMap<object, string> {
  const out = new WeakMap<object, string>();
  const walk = (v: unknown, p: string) => {
    if (typeof v !== 'object' || v === null || out.has(v)) return;
    out.set(v, p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, joinPointer(p, i)));
    else for (const [k, x] of Object.entries(v)) walk(x, joinPointer(p, k));
  };
  walk(data, '');
  return out;
}

export function traceRendered(rendered: RenderedConfig, parsed: LocationMap, renderedFile: string): Provenance {
  const map = rendered.sourceMap;
  const notes = new Map<string, DiagnosticNote[]>();
  if (!map || map.length === 0) return { locations: parsed, explain: (d) => d };
  const out = new LineIndex(rendered.text);
  let pointerMap: WeakMap<object, string> | undefined;
  const pointers = { get: (o: object) => (pointerMap ??= settingsPointers(rendered.settings.data)).get(o) };
  const texts = new Map<string, LineIndex | null>();
  const lineText = (file: string, line: number): string | undefined => {
    let idx = texts.get(file);
    if (idx === undefined) {
      try {
        idx = new LineIndex(readFileSync(file, 'utf8'));
      } catch {
        idx = null;
      }
      texts.set(file, idx);
    }
    return idx ? idx.lineText(line) : undefined;
  };
  // Rendered value spans by start offset: finds the rendered node a printed value became.
  const nodeAt = new Map<number, string>();
  const indexNodes = () => {
    if (nodeAt.size > 0) return;
    for (const [p, loc] of parsed) {
      const o = out.offset(loc.value.line, loc.value.column);
      if (!nodeAt.has(o)) nodeAt.set(o, p);
    }
  };

  const settingsSpan = (settingsPointer: string, which: 'value' | 'key'): SourceSpan | undefined => {
    const loc = rendered.settings.locations.get(settingsPointer);
    return loc ? (which === 'key' ? (loc.key ?? loc.value) : loc.value) : undefined;
  };

  const move = (span: SourceSpan, pointer: string, which: 'value' | 'key'): SourceSpan => {
    const o = out.offset(span.line, span.column);
    const i = entryIndexAt(map, o);
    if (i < 0) return span;
    const e = map[i]!;
    const file = e.file ?? e.template;
    let moved: SourceSpan;
    const rendered: DiagnosticNote = {
      message: `rendered as line ${span.line} of the output`,
      location: { file: span.file, line: span.line, column: span.column },
      lineText: out.lineText(span.line),
    };
    const extra: DiagnosticNote[] = [rendered];
    if (e.kind === 'text') {
      moved = { file, line: e.line, column: e.column + (o - e.outputOffset) };
      if (span.endLine === span.line && span.endColumn !== undefined) {
        const endOffset = out.offset(span.line, span.endColumn);
        const next = map[i + 1];
        if (next === undefined || endOffset <= next.outputOffset) {
          moved.endLine = e.line;
          moved.endColumn = e.column + (endOffset - e.outputOffset);
        }
      }
    } else {
      const action: SourceSpan = { file, line: e.line, column: e.column };
      moved = action;
      let fromSettings: SourceSpan | undefined;
      const origin = e.origin;
      if (origin && 'receiver' in origin) {
        const base = pointers.get(origin.receiver);
        if (base !== undefined) fromSettings = settingsSpan(joinPointer(base, origin.key), which);
      } else if (origin && 'value' in origin) {
        const base = pointers.get(origin.value);
        indexNodes();
        const root = nodeAt.get(e.outputOffset);
        if (base !== undefined && root !== undefined && (pointer === root || pointer.startsWith(root + '/'))) {
          fromSettings = settingsSpan(base + pointer.slice(root.length), which);
        }
      }
      if (fromSettings) {
        moved = fromSettings;
        extra.push({ message: 'printed by this template action', location: action, lineText: lineText(file, e.line) });
      }
    }
    const key = spanKey(moved);
    if (!notes.has(key)) notes.set(key, extra);
    return moved;
  };

  // Moving every location costs a full pass; it runs only when a location is asked for.
  const locations = new DeferredLocationMap(() => {
    const moved: LocationMap = new Map();
    for (const [p, loc] of parsed) {
      const m: NodeLocation = { value: move(loc.value, p, 'value') };
      if (loc.key) m.key = move(loc.key, p, 'key');
      moved.set(p, m);
    }
    return moved;
  });
  return {
    locations,
    explain(d: Diagnostic): Diagnostic {
      if (d.file === undefined || d.line === undefined || d.column === undefined) return d;
      void locations.size; // the notes are made while moving the locations
      const extra = notes.get(spanKey({ file: d.file, line: d.line, column: d.column }));
      if (!extra) return d;
      return { ...d, notes: [...(d.notes ?? []), ...extra] };
    },
  };
}

/** Notes for a syntax error in the rendered output: the template text that produced that line. */
export function explainRenderedError(d: Diagnostic, rendered: RenderedConfig): Diagnostic {
  const map = rendered.sourceMap;
  if (!map || d.line === undefined || d.column === undefined) return d;
  const out = new LineIndex(rendered.text);
  const o = out.offset(d.line, d.column);
  const i = entryIndexAt(map, Math.min(o, Math.max(0, rendered.text.length - 1)));
  if (i < 0) return d;
  const e = map[i]!;
  const file = e.file ?? e.template;
  const column = e.kind === 'text' ? e.column + Math.max(0, o - e.outputOffset) : e.column;
  let text: string | undefined;
  try {
    text = new LineIndex(readFileSync(file, 'utf8')).lineText(e.line);
  } catch {
    text = undefined;
  }
  const note: DiagnosticNote = {
    message: e.kind === 'text' ? 'this part of the output comes from the template text here' : 'this part of the output was printed by this template action',
    location: { file, line: e.line, column },
    ...(text !== undefined ? { lineText: text } : {}),
  };
  return { ...d, notes: [...(d.notes ?? []), note] };
}
