/**
 * Diagram state ↔ URL query. Parsing never throws and never evaluates anything: each value is
 * checked against its schema field, and a bad one is clamped, cut or dropped (default used)
 * with a note the page shows to the reader. Pure, so it runs the same in Node, jsdom and pages.
 */
import type { EnumField, Field, IntField, LogField, NumberField, StateOf, StateSchema, StringField } from './schema';

export interface Parsed<S extends StateSchema> {
  state: StateOf<S>;
  /** Human-readable, one line each, safe to show with textContent. */
  notes: string[];
}

type Checked = { value: string | number; note?: string } | { value?: undefined; note: string };

const QUOTE_MAX = 40;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const INT_RE = /^[+-]?\d+$/;
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** A short, single-line rendering of a raw value for a note; long values are elided. */
export function quote(raw: string): string {
  const chars = Array.from(raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '));
  const shown = chars.length > QUOTE_MAX ? chars.slice(0, QUOTE_MAX).join('') + '…' : chars.join('');
  return `“${shown}”`;
}

/** The first `max` UTF-16 units, never ending on half of a surrogate pair. */
function cutString(s: string, max: number): string {
  const cut = s.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

function checkString(f: StringField, raw: string): Checked {
  let value = raw.replace(LONE_SURROGATE, '\uFFFD');
  const notes: string[] = [];
  if (value !== raw) {
    notes.push(`${f.label}: broken characters were replaced by �.`);
  }
  if (value.length > f.maxLength) {
    notes.push(`${f.label} was ${fmt(value.length)} characters long; cut to the first ${fmt(f.maxLength)}.`);
    value = cutString(value, f.maxLength);
  }
  return notes.length ? { value, note: notes.join(' ') } : { value };
}

function clamp(f: IntField | NumberField | LogField, v: number): Checked {
  if (v < f.min) return { value: f.min, note: `${f.label}: ${fmt(v)} is below the minimum ${fmt(f.min)}; using ${fmt(f.min)}.` };
  if (v > f.max) return { value: f.max, note: `${f.label}: ${fmt(v)} is above the maximum ${fmt(f.max)}; using ${fmt(f.max)}.` };
  return { value: v };
}

function checkInt(f: IntField, raw: string): Checked {
  const t = raw.trim();
  if (!INT_RE.test(t)) {
    return { note: `${f.label}: ${quote(raw)} is not a whole number; using the default ${fmt(f.default)}.` };
  }
  return clamp(f, Number(t));
}

function decimals(step: number): number {
  const s = String(step);
  const e = s.match(/e-(\d+)$/);
  if (e) return Number(e[1]);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

function checkNumber(f: NumberField, raw: string): Checked {
  const t = raw.trim();
  const v = NUMBER_RE.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(v)) {
    return { note: `${f.label}: ${quote(raw)} is not a number; using the default ${fmt(f.default)}.` };
  }
  const c = clamp(f, v);
  const clamped = c.value as number;
  // Snap to the slider's grid; toFixed removes binary noise such as 0.30000000000000004.
  const snapped = Math.min(f.max, Number((f.min + Math.round((clamped - f.min) / f.step) * f.step).toFixed(decimals(f.step))));
  if (c.note) return { value: snapped, note: c.note };
  if (Math.abs(snapped - clamped) > 1e-12) {
    return { value: snapped, note: `${f.label}: ${fmt(v)} was rounded to ${fmt(snapped)} (steps of ${fmt(f.step)}).` };
  }
  return { value: snapped };
}

/** `v` to `digits` significant figures, as a plain number (7e10 stays 70000000000). */
export function roundSignificant(v: number, digits: number): number {
  return Number(v.toPrecision(digits));
}

function checkLog(f: LogField, raw: string): Checked {
  const t = raw.trim();
  const v = NUMBER_RE.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(v)) {
    return { note: `${f.label}: ${quote(raw)} is not a number; using the default ${f.default.toExponential()}.` };
  }
  const c = clamp(f, v);
  const rounded = roundSignificant(c.value as number, f.digits);
  if (c.note) return { value: rounded, note: c.note };
  if (rounded !== v) {
    return { value: rounded, note: `${f.label}: ${t} was rounded to ${rounded.toExponential()} (${f.digits} significant figures).` };
  }
  return { value: rounded };
}

function checkEnum(f: EnumField, raw: string): Checked {
  if (f.values.includes(raw)) return { value: raw };
  return { note: `${f.label}: ${quote(raw)} is not one of ${f.values.join(', ')}; using ${f.default}.` };
}

/** Check one raw value against its field. Numbers given directly (fixtures, props) are accepted. */
export function checkField(f: Field, raw: unknown): Checked {
  if (typeof raw === 'number' && f.kind !== 'string' && f.kind !== 'enum') raw = String(raw);
  if (typeof raw !== 'string') return { note: `${f.label}: a value of type ${typeof raw} was ignored.` };
  switch (f.kind) {
    case 'string':
      return checkString(f, raw);
    case 'int':
      return checkInt(f, raw);
    case 'number':
      return checkNumber(f, raw);
    case 'log':
      return checkLog(f, raw);
    case 'enum':
      return checkEnum(f, raw);
  }
}

export function defaults<S extends StateSchema>(schema: S): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(schema)) out[k] = f.default;
  return out as StateOf<S>;
}

/** Read a diagram's state from a query string; unknown parameters are ignored silently. */
export function parseState<S extends StateSchema>(query: URLSearchParams | string, schema: S): Parsed<S> {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const state: Record<string, unknown> = defaults(schema);
  const notes: string[] = [];
  for (const [k, f] of Object.entries(schema)) {
    const all = params.getAll(k);
    if (all.length === 0) continue;
    if (all.length > 1) notes.push(`${f.label} was given ${all.length} times; using the first.`);
    const c = checkField(f, all[0]);
    if (c.value !== undefined) state[k] = c.value;
    if (c.note) notes.push(c.note);
  }
  return { state: state as StateOf<S>, notes };
}

/** Validate a state object (fixtures, component props) with the same rules as the URL. */
export function normalizeState<S extends StateSchema>(partial: Partial<Record<keyof S, unknown>>, schema: S): Parsed<S> {
  const state: Record<string, unknown> = defaults(schema);
  const notes: string[] = [];
  for (const [k, f] of Object.entries(schema)) {
    if (!(k in partial) || partial[k] === undefined) continue;
    const c = checkField(f, partial[k]);
    if (c.value !== undefined) state[k] = c.value;
    if (c.note) notes.push(c.note);
  }
  return { state: state as StateOf<S>, notes };
}

/** 7e10 → "7e10", 1.4e12 → "1.4e12": short, exact and free of "+", which some editors mangle. */
export function compactExponent(v: number): string {
  return v.toExponential().replace('e+', 'e');
}

/**
 * The query string (without "?") for a state, in schema order, omitting defaults so links stay
 * short and keep working if a default changes. Spaces become %20, not "+", for LMS editors
 * that mangle "+".
 */
export function serializeState<S extends StateSchema>(state: Partial<StateOf<S>>, schema: S): string {
  const parts: string[] = [];
  for (const [k, f] of Object.entries(schema)) {
    const v = (state as Record<string, unknown>)[k];
    if (v === undefined || v === f.default) continue;
    const text = f.kind === 'log' && typeof v === 'number' ? compactExponent(v) : String(v);
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(text)}`);
  }
  return parts.join('&');
}

/**
 * Mirror a diagram's serialized state (`query`, from serializeState) in the page URL: this
 * schema's keys are replaced, other parameters kept, and history is not grown.
 */
export function mirrorInUrl(query: string, schema: StateSchema): void {
  const url = new URL(location.href);
  for (const k of Object.keys(schema)) url.searchParams.delete(k);
  url.search = [url.searchParams.toString(), query].filter(Boolean).join('&');
  if (url.href !== location.href) history.replaceState(history.state, '', url);
}
