// @vitest-environment jsdom
/**
 * The seq2seq view on the build-time example (a real decode by the shipped glassbox-seq2seq,
 * src/data/examples/seq2seq.json; seq2seq.model.test.ts checks it is current): the matrix each
 * state picks, and what the heatmap draws, says and does with keys, pointer and Play.
 */
import example from '../../../src/data/examples/seq2seq.json';
import { exportOf, headRows, matrixOf, type Seq2SeqRun } from '../../../src/diagrams/seq2seq/data';
import entry from '../../../src/diagrams/seq2seq/entry';
import { render } from '../../../src/diagrams/seq2seq/render';
import { key, mount, pointer } from './dom';

const run = example as Seq2SeqRun;
const S = run.source.length;
const N = run.output.length;
const state = (s: Partial<{ attn: string; layer: number; head: number; step: number }> = {}) => ({ attn: 'cross', layer: 1, head: 1, step: 16, ...s });
const rowSums = (rows: number[][]) => rows.map((r) => r.reduce((a, b) => a + b, 0));

afterEach(() => document.body.replaceChildren());

describe('seq2seq data', () => {
  it('takes its bounds from the model’s shape', () => {
    expect(entry.state.layer.max).toBe(run.cross.length);
    expect(entry.state.head.max).toBe(run.cross[0].length);
    expect(run.decoder[0][0]).toHaveLength(N + 1);
  });

  it('picks cross, encoder or decoder attention, clamping the step to the output', () => {
    const c = matrixOf(run, state({ layer: 2, head: 3, step: 99 }));
    expect(c.step).toBe(N);
    expect([c.rows.length, c.cols.length]).toEqual([N + 1, S]);
    expect(c.weights).toEqual(run.cross[1][2]);
    expect(c.written).toEqual(run.output.map((t) => t.text));
    expect(c.guesses).toEqual(run.steps[N]);
    const e = matrixOf(run, state({ attn: 'encoder', step: 0 }));
    expect([e.rows.length, e.cols.length, e.shown, e.current]).toEqual([S, S, S, -1]);
    const d = matrixOf(run, state({ attn: 'decoder', step: 2 }));
    expect([d.rows.length, d.cols.length, d.shown, d.current, d.causal]).toEqual([N + 1, N + 1, 3, 2, true]);
    expect(d.cols[0]).toBe('⟨start⟩');
    expect(d.rows.at(-1)).toBe('⟨end⟩');
  });

  it('averages the heads for head 0, and every exported row sums to 1', () => {
    const mean = headRows(run.cross, 1, 0);
    const H = run.cross[0].length;
    expect(mean[2][3]).toBeCloseTo(run.cross[0].reduce((s, h) => s + h[2][3], 0) / H, 9);
    for (const head of [0, 1, 4]) {
      const x = exportOf(run, state({ head, layer: 2 }), 'example');
      expect(x.crossAttentions).toHaveLength(N + 1);
      for (const s of rowSums(x.crossAttentions)) expect(s).toBeCloseTo(1, 4);
    }
    const x = exportOf(run, state({ step: 3 }), 'example');
    expect(x.greedy).toBe(run.output.map((t) => t.text).join(''));
    expect(x.shown.weights).toHaveLength(4);
  });
});

describe('seq2seq render', () => {
  it('draws every cell, hides the rows not decoded yet, and summarises the current row', () => {
    const root = mount();
    render(root, matrixOf(run, state({ step: 2 })), { reducedMotion: true, width: 600 });
    expect(root.querySelectorAll('.gb-s2s-cells rect')).toHaveLength((N + 1) * S);
    expect(root.querySelectorAll('rect.gb-s2s-future')).toHaveLength((N - 2) * S);
    const labels = [...root.querySelectorAll('.gb-s2s-r text')].map((t) => t.textContent);
    expect(labels.slice(0, 3)).toEqual(run.output.slice(0, 3).map((t) => t.text));
    expect(labels.slice(3).every((l) => l === '…')).toBe(true);
    expect(root.querySelector('.gb-s2s-r.is-selected')!.getAttribute('data-token')).toBe('3');
    expect(root.querySelector('.gb-s2s-summary')!.textContent).toMatch(/^Cross-attention .* layer 1, head 1\. Writing “.+” \(step 3\) looks most at “.+”: \d+\.\d%\.$/);
    expect([...root.querySelectorAll('.gb-s2s-tok')].map((t) => t.textContent)).toEqual(run.output.slice(0, 2).map((t) => t.text));
    expect(root.querySelectorAll('.gb-s2s-guesses li')).toHaveLength(run.steps[2].length);
    expect(root.querySelectorAll('[data-token]').length).toBe(N + 1 + S);
  });

  it('masks the decoder’s later positions, and hides the inputs it has not written yet', () => {
    const root = mount();
    const chart = render(root, matrixOf(run, state({ attn: 'decoder' })), { reducedMotion: true });
    const T = N + 1;
    expect(root.querySelectorAll('rect.gb-s2s-masked')).toHaveLength((T * (T - 1)) / 2);
    // Its columns are its own inputs: those not written yet at the step are not shown.
    chart.update(matrixOf(run, state({ attn: 'decoder', step: 2 })));
    const cols = [...root.querySelectorAll('.gb-s2s-cols text')].map((t) => t.textContent);
    expect(cols.slice(0, 3)).toEqual(['⟨start⟩', ...run.output.slice(0, 2).map((t) => t.text)]);
    expect(cols.slice(3).every((c) => c === '…')).toBe(true);
  });

  it('moves the step with ↑ ↓ and reads weights with ← → and the pointer', () => {
    const root = mount();
    const picked: number[] = [];
    render(root, matrixOf(run, state({ step: 2 })), { reducedMotion: true, onRow: (r) => picked.push(r) });
    const sel = root.querySelector<SVGGElement>('.gb-s2s-r.is-selected')!;
    sel.dispatchEvent(key('ArrowDown'));
    sel.dispatchEvent(key('ArrowUp'));
    expect(picked).toEqual([3, 1]);
    sel.dispatchEvent(key('ArrowRight'));
    const w = run.cross[0][0][2][0];
    expect(root.querySelector('.gb-s2s-readout')!.textContent).toContain(`(column 1): ${w.toFixed(6)}`);
    root.querySelector('[data-r="1"][data-c="2"]')!.dispatchEvent(pointer('pointerover'));
    expect(root.querySelector('.gb-s2s-readout')!.textContent).toContain(run.cross[0][0][0][1].toFixed(6));
  });

  it('plays on a timeline it owns: reduced motion jumps to the end, destroy kills the timeline', () => {
    const root = mount();
    const chart = render(root, matrixOf(run, state({ step: 0 })), { reducedMotion: true });
    const steps: number[] = [];
    let done = 0;
    chart.play(0, N, (s) => steps.push(s), () => done++);
    expect([steps, done]).toEqual([[N], 1]);

    const calls: number[] = [];
    const kill = vi.fn();
    const tl = { call: (_fn: unknown, [s]: number[]) => (calls.push(s), tl), kill };
    const gsap = { timeline: () => tl, from: vi.fn(), killTweensOf: vi.fn() } as unknown as typeof import('gsap').gsap;
    const animated = render(mount(), matrixOf(run, state({ step: 0 })), { reducedMotion: false, gsap });
    animated.play(0, N, () => {}, () => {});
    expect(calls).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    animated.destroy();
    expect(kill).toHaveBeenCalled();
  });
});

describe('seq2seq render on a dense grid', () => {
  it('labels every n-th column when cells are too small for a label', () => {
    const m = matrixOf(run, state({ step: 4 }));
    // A long source (40 tokens) in the narrowest layout: 6 px cells.
    const wide = { ...m, cols: Array.from({ length: 40 }, (_, i) => `t${i}`), weights: m.weights.map(() => Array(40).fill(1 / 40)) };
    const root = mount();
    render(root, wide, { reducedMotion: true, width: 180 });
    const [a, b] = [...root.querySelectorAll('.gb-s2s-cells rect')].map((r) => Number(r.getAttribute('x')));
    const every = Math.ceil(14 / (b - a));
    expect(every).toBeGreaterThan(1);
    const cols = [...root.querySelectorAll('.gb-s2s-cols text')].map((t) => t.textContent);
    expect(cols.map((c) => c !== '')).toEqual(cols.map((_, i) => i % every === 0));
  });

  it('a tap reads the cell and picks its row', () => {
    const root = mount();
    const picked: number[] = [];
    render(root, matrixOf(run, state({ step: 4 })), { reducedMotion: true, onRow: (r) => picked.push(r) });
    root.querySelector('[data-r="2"][data-c="1"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(picked).toEqual([1]);
    expect(root.querySelector('.gb-s2s-readout')!.textContent).toContain(run.cross[0][0][1][0].toFixed(6));
  });
});
