/** The page-wide trace memo (src/model/trace-memo.ts) and the browser client that uses it. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRACE_OUTPUTS, TraceMemo, pickOutputs } from '../../../src/model/trace-memo';
import type { Request, Reply, WireTensor } from '../../../src/model/protocol';
import type { ModelInfo, Trace, TraceHead, TraceOutput } from '../../../src/model/types';
import { TensorF32 } from '../../../src/model/tensor';

const INFO = { id: 'fake', version: 'v1', dtype: 'q8', bytes: 1, nLayer: 1, nHead: 1, nEmbd: 2, headDim: 2, vocabSize: 3, nPositions: 8, eosTokenId: 0 } as ModelInfo;

function fakeTrace(text: string, outputs: readonly TraceOutput[] = TRACE_OUTPUTS): TraceHead & Partial<Trace> {
  const t: Record<string, unknown> = { model: INFO, text, truncated: false, tokens: [] };
  for (const o of outputs) t[o] = new TensorF32(new Float32Array([1, 2]), [2]);
  return t as TraceHead & Partial<Trace>;
}

describe('TraceMemo', () => {
  it('runs one trace per distinct text, however often it is asked', async () => {
    const memo = new TraceMemo();
    const run = vi.fn(async () => fakeTrace('x'));
    await Promise.all([memo.get('m', 'a', undefined, run), memo.get('m', 'a', undefined, run), memo.get('m', 'b', undefined, run)]);
    await memo.get('m', 'a', undefined, run);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('with hold false, answers from what is held but keeps nothing, so one-off texts push out no other', async () => {
    const memo = new TraceMemo(2);
    const run = vi.fn(async (o?: TraceOutput[]) => fakeTrace('x', o));
    await memo.get('m', 'shared', undefined, run);
    await memo.get('m', 'shared', ['attentions'], run, false);
    expect(run).toHaveBeenCalledTimes(1);
    for (const t of ['p1', 'p2', 'p3']) await memo.get('m', t, ['attentions'], run, false);
    expect(run).toHaveBeenCalledTimes(4);
    expect(run).toHaveBeenLastCalledWith(['attentions']);
    expect(memo.size).toBe(1);
    await memo.get('m', 'shared', undefined, run);
    await memo.get('m', 'p1', ['attentions'], run, false);
    expect(run).toHaveBeenCalledTimes(5);
  });

  it('keys on the model too', async () => {
    const memo = new TraceMemo();
    const run = vi.fn(async () => fakeTrace('a'));
    await memo.get('m@1', 'a', undefined, run);
    await memo.get('m@2', 'a', undefined, run);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('serves a subset from a full trace, but never a larger request from a subset', async () => {
    const memo = new TraceMemo();
    const run = vi.fn(async (o?: TraceOutput[]) => fakeTrace('a', o));
    await memo.get('m', 'a', ['logits'], run);
    expect(run).toHaveBeenLastCalledWith(['logits']);
    await memo.get('m', 'a', ['logits'], run);
    expect(run).toHaveBeenCalledTimes(1);
    // A second output is not held: a new run, with outputs in a stable order.
    await memo.get('m', 'a', ['logits', 'attentions'], run);
    expect(run).toHaveBeenLastCalledWith(['logits', 'attentions']);
    await memo.get('m', 'a', ['attentions'], run);
    expect(run).toHaveBeenCalledTimes(2);
    const full = await memo.get('m', 'a', undefined, run);
    expect(run).toHaveBeenLastCalledWith(undefined);
    expect(full.hiddenStates).toBeDefined();
    // Every output named is the same as asking for all of them.
    await memo.get('m', 'a', [...TRACE_OUTPUTS].reverse(), run);
    await memo.get('m', 'a', ['mlpActivations'], run);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('drops a rejected trace so that a retry runs again', async () => {
    const memo = new TraceMemo();
    const run = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(fakeTrace('a'));
    await expect(memo.get('m', 'a', undefined, run)).rejects.toThrow('boom');
    await expect(memo.get('m', 'a', undefined, run)).resolves.toMatchObject({ text: 'a' });
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('keeps only the most recently asked texts', async () => {
    const memo = new TraceMemo(2);
    const run = vi.fn(async () => fakeTrace('x'));
    await memo.get('m', 'a', undefined, run);
    await memo.get('m', 'b', undefined, run);
    await memo.get('m', 'a', undefined, run); // a is now the newest
    await memo.get('m', 'c', undefined, run); // evicts b
    expect(memo.size).toBe(2);
    await memo.get('m', 'a', undefined, run);
    expect(run).toHaveBeenCalledTimes(3);
    await memo.get('m', 'b', undefined, run);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it('rejects an output name it does not know', () => {
    expect(() => new TraceMemo().get('m', 'a', ['logit' as TraceOutput], async () => fakeTrace('a'))).toThrow(/unknown output/);
  });
});

describe('pickOutputs', () => {
  it('keeps the head and only the tensors asked for', () => {
    const t = pickOutputs(fakeTrace('a') as Trace, ['keys']);
    expect(Object.keys(t).sort()).toEqual(['keys', 'model', 'text', 'tokens', 'truncated']);
  });
});

/** A stand-in for the model worker: answers like worker.ts and counts forward passes per text. */
class FakeWorker {
  static last: FakeWorker | null = null;
  static traces: { text: string; outputs: unknown; ref?: string }[] = [];
  onmessage: ((ev: MessageEvent<Reply>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.last = this;
  }
  private reply(msg: Reply) {
    setTimeout(() => this.onmessage?.({ data: msg } as MessageEvent<Reply>), 1);
  }
  postMessage(req: Request) {
    if (req.method === 'load') {
      this.reply({ event: { type: 'ready', model: INFO, ms: 1 }, ref: req.ref });
      this.reply({ id: req.id, ok: true, result: INFO, ms: 1, forwards: [] });
      return;
    }
    if (req.method === 'trace') {
      const text = String(req.args[0]);
      FakeWorker.traces.push({ text, outputs: req.args[1], ref: req.ref });
      const t = fakeTrace(text, (req.args[1] as TraceOutput[] | undefined) ?? TRACE_OUTPUTS);
      const wire = Object.fromEntries(Object.entries(t).map(([k, v]) =>
        [k, v instanceof TensorF32 ? ({ __tensor: true, data: v.data, shape: [...v.shape] } satisfies WireTensor) : v]));
      this.reply({ id: req.id, ok: true, result: wire, ms: 1, forwards: [1] });
      return;
    }
    this.reply({ id: req.id, ok: false, error: `fake: ${req.method}` });
  }
  terminate() {}
}

describe('the browser client (client.ts) over a fake worker', () => {
  beforeEach(() => {
    vi.resetModules();
    FakeWorker.traces = [];
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('traces each distinct text once per page, whichever caller asks', async () => {
    const client = await import('../../../src/model/client');
    const [a, b] = await Promise.all([client.getModel().trace('The cat'), client.traceOnce('The cat')]);
    await client.getModel().trace('The dog');
    await client.getModel().trace('The cat');
    expect(FakeWorker.traces.map((t) => t.text)).toEqual(['The cat', 'The dog']);
    expect(a).toBe(b);
    // resetModules gives the client its own TensorF32 class, so check by name and shape.
    expect(a.attentions.constructor.name).toBe('TensorF32');
    expect(a.attentions.shape).toEqual([2]);
  });

  it('asks the worker only for the outputs requested, and answers a subset from a full trace', async () => {
    const client = await import('../../../src/model/client');
    const part = await client.getModel().trace('A', { outputs: ['attentions', 'logits'] });
    expect(FakeWorker.traces).toEqual([{ text: 'A', outputs: ['logits', 'attentions'] }]);
    expect(part.attentions.shape).toEqual([2]);
    expect((part as Partial<Trace>).hiddenStates).toBeUndefined();
    const full = await client.getModel().trace('A');
    expect(full.hiddenStates.shape).toEqual([2]);
    await client.getModel().trace('A', { outputs: ['queries'] });
    expect(FakeWorker.traces).toHaveLength(2);
  });

  it('sends a link\'s model ref to the worker, and keeps one handle per ref', async () => {
    const client = await import('../../../src/model/client');
    expect(client.getModel('fake@v1')).toBe(client.getModel('fake@v1'));
    expect(client.getModel()).not.toBe(client.getModel('fake@v1'));
    await client.getModel('fake@v1').trace('B');
    expect(FakeWorker.traces).toEqual([{ text: 'B', outputs: undefined, ref: 'fake@v1' }]);
  });
});
