/**
 * Which tensors a trace carries, and the page-wide memo of traces: several diagrams on one page
 * ask for the same sentence, and a forward pass plus its copy out of the worker (about 6 MB of
 * float32 at 256 tokens) should happen once per sentence, not once per diagram.
 */
import type { PartialTrace, Trace, TraceHead, TraceOutput } from './types';

/** Every tensor of a full trace, in Trace's field order. */
export const TRACE_OUTPUTS: readonly TraceOutput[] = [
  'logits', 'attentions', 'hiddenStates', 'queries', 'keys', 'values', 'attnOutput', 'mlpOutput', 'mlpActivations',
];

/** A requested set, checked, de-duplicated and in TRACE_OUTPUTS order; undefined means all. */
export function normaliseOutputs(outputs?: readonly TraceOutput[]): TraceOutput[] {
  if (outputs === undefined) return [...TRACE_OUTPUTS];
  for (const o of outputs) if (!TRACE_OUTPUTS.includes(o)) throw new Error(`trace: unknown output ${String(o)}`);
  return TRACE_OUTPUTS.filter((o) => outputs.includes(o));
}

/** The trace cut to `outputs` (all when undefined); the tensors are shared, not copied. */
export function pickOutputs<K extends TraceOutput>(trace: Trace, outputs?: readonly K[]): PartialTrace<K> {
  const { model, text, truncated, tokens } = trace;
  const out: Record<string, unknown> = { model, text, truncated, tokens };
  for (const o of normaliseOutputs(outputs)) out[o] = trace[o];
  return out as PartialTrace<K>;
}

type AnyTrace = TraceHead & Partial<Pick<Trace, TraceOutput>>;

interface Held {
  outputs: ReadonlySet<TraceOutput>;
  promise: Promise<AnyTrace>;
}

/**
 * Traces kept by (model, text), for the `keep` most recently asked texts. A request is answered
 * by any held trace of that text whose outputs include the ones asked for (a full trace serves
 * every subset; a subset never serves a larger request). A rejected trace is dropped at once, so
 * the reader's Retry runs it again.
 */
export class TraceMemo {
  private readonly texts = new Map<string, Held[]>();

  /** `keep`: texts held; a reader rarely goes back further than four sentences. */
  constructor(private readonly keep = 4) {}

  /**
   * The trace of `text` under `model` (any string naming the model, e.g. `<id>@<version>`) with
   * at least `outputs`; `run` computes one when none is held, and gets undefined for a full trace.
   * `hold` false: a trace computed here is returned without being kept.
   */
  get<K extends TraceOutput>(
    model: string,
    text: string,
    outputs: readonly K[] | undefined,
    run: (outputs: TraceOutput[] | undefined) => Promise<AnyTrace>,
    hold = true,
  ): Promise<PartialTrace<K>> {
    const key = JSON.stringify([model, text]);
    const wanted = normaliseOutputs(outputs);
    const full = wanted.length === TRACE_OUTPUTS.length;
    if (!hold) {
      const hit = this.texts.get(key)?.find((h) => wanted.every((o) => h.outputs.has(o)));
      return (hit?.promise ?? run(full ? undefined : wanted)) as Promise<PartialTrace<K>>;
    }
    const held = this.texts.get(key) ?? [];
    // Re-inserting moves the text to the newest end of the Map's insertion order.
    this.texts.delete(key);
    this.texts.set(key, held);
    const hit = held.find((h) => wanted.every((o) => h.outputs.has(o)));
    if (hit) return hit.promise as Promise<PartialTrace<K>>;
    const entry: Held = { outputs: new Set(wanted), promise: run(full ? undefined : wanted) };
    held.push(entry);
    entry.promise.catch(() => {
      const list = this.texts.get(key);
      const i = list?.indexOf(entry) ?? -1;
      if (i >= 0) list!.splice(i, 1);
      if (list && list.length === 0) this.texts.delete(key);
    });
    while (this.texts.size > this.keep) this.texts.delete(this.texts.keys().next().value as string);
    return entry.promise as Promise<PartialTrace<K>>;
  }

  /** Number of texts held, for tests. */
  get size(): number {
    return this.texts.size;
  }

  clear(): void {
    this.texts.clear();
  }
}
