/**
 * Page-wide caches for the attention views: several on one page (the chapter has a few) share
 * one forward pass per text and one fetch of the head labels.
 */
import type { ModelApi } from '../../../model/api';
import type { Trace } from '../../../model/types';

/** Texts kept; a reader rarely goes back further than this. */
const KEEP = 4;
const traces = new Map<string, Promise<Trace>>();

export function sharedTrace(model: ModelApi, text: string): Promise<Trace> {
  let p = traces.get(text);
  if (!p) {
    p = model.trace(text);
    p.catch(() => traces.delete(text)); // let a retry run it again
    traces.set(text, p);
    if (traces.size > KEEP) traces.delete(traces.keys().next().value as string);
  }
  return p;
}

const headLabels = new Map<string, Promise<string[][] | null>>();

/** Each head's measured pattern from public/models/<id>/heads.json, [layer][head] 0-based; null if missing. */
export function labelsFor(id: string): Promise<string[][] | null> {
  let p = headLabels.get(id);
  if (!p) {
    const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
    p = fetch(`${base}models/${encodeURIComponent(id)}/heads.json`)
      .then((r) => (r.ok ? (r.json() as Promise<{ labels?: unknown }>) : null))
      .then((j) => (Array.isArray(j?.labels) ? (j.labels as string[][]) : null))
      .catch(() => null);
    headLabels.set(id, p);
  }
  return p;
}
