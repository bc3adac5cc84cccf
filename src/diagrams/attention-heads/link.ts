/**
 * The heads grid (and the chapter's story) kept in step with the page's `attention` diagram,
 * through that diagram's public contract (src/diagrams/attention/live.ts): `el.value` is its
 * state { text, layer, head, token } (1-based), it dispatches a bubbling `input` event when the
 * reader changes it, keeps `data-state` current, and `el.value = { layer, head }` sets it.
 */
import { attentionState } from '../kit/fields';

/** The page's attention views, by registry id: this diagram follows them through their public contract. */
const ATTENTION = 'attention';
const ATTENTION_MATRIX = 'attention-matrix';
import { parseState } from '../kit/state';
import type { HeadRef } from './render';

export interface Followed {
  text: string;
  /** 1-based query token. */
  token: number;
  selected: HeadRef;
}

type AttentionState = { text: string; layer: number; head: number; token: number };
type AttentionElement = HTMLElement & { value?: AttentionState };

const find = (id: string) => document.querySelector<AttentionElement>(`[data-diagram="${id}"]`);

function read(el: AttentionElement): Followed {
  const v = el.value;
  const state = v && typeof v === 'object' && typeof v.text === 'string' ? v : parseState(el.dataset.state ?? '', attentionState).state;
  return { text: state.text, token: state.token, selected: { layer: state.layer, head: state.head } };
}

/**
 * Call `cb` now and whenever the attention diagram's state changes (a reader's `input`, or a
 * change from outside that only shows in `data-state`); returns a stop function.
 */
export function followAttention(cb: (s: Followed) => void): () => void {
  const el = find(ATTENTION);
  if (!el) return () => {};
  let last = '';
  const check = () => {
    const s = read(el);
    const key = JSON.stringify(s);
    if (key === last) return;
    last = key;
    cb(s);
  };
  const mo = new MutationObserver(check);
  mo.observe(el, { attributes: true, attributeFilter: ['data-state'] });
  el.addEventListener('input', check);
  check();
  return () => {
    mo.disconnect();
    el.removeEventListener('input', check);
  };
}

/** The page's text for the attention views: the attention diagram's, else the registry default. */
export function attentionText(): string {
  const el = find(ATTENTION);
  return el ? read(el).text : attentionState.text.default;
}

/**
 * Show a head and/or query token (1-based), and optionally a new sentence, in the page's
 * attention diagram and its matrix; false when neither is there.
 */
export function selectInAttention(next: Partial<AttentionState>): boolean {
  let found = false;
  for (const id of [ATTENTION, ATTENTION_MATRIX]) {
    const el = find(id);
    if (!el || !('value' in el)) continue;
    (el as { value: Partial<AttentionState> }).value = { ...next };
    found = true;
  }
  return found;
}
