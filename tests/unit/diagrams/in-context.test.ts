// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '../../../src/diagrams/in-context/render';
import { exampleBody } from '../../../src/diagrams/in-context/build';
import { buildInContext, repeatText, strongestHead, type InContextTrace } from '../../../src/diagrams/in-context/data';
import { fewShotOf } from '../../../src/diagrams/in-context/few-shot';
import { defaultPosition, layoutTiles } from '../../../src/diagrams/in-context/view';
import entry from '../../../src/diagrams/in-context/entry';
import { mount } from './dom';

afterEach(() => {
  document.body.replaceChildren();
});

const def = () => exampleBody({ text: entry.state.text.default, repeat: 2 });

/** A hand-made trace: tokens "␣a", "␣b", "␣c" twice, logits that favour each true next token in the second copy, one head. */
function tinyTrace(): InContextTrace {
  const ids = [1, 2, 3, 1, 2, 3];
  const T = ids.length;
  const V = 4;
  const logits = new Float32Array(T * V);
  for (let i = 0; i < T - 1; i++) logits[i * V + ids[i + 1]] = i >= 3 ? 5 : 0.5;
  const att = new Float32Array(T * T);
  for (let q = 0; q < T; q++) for (let k = 0; k <= q; k++) att[q * T + k] = 1 / (q + 1);
  // Query 5 (the second " b") puts 0.7 on key 3 (" c", after the first " b").
  att.fill(0, 4 * T, 5 * T);
  att[4 * T + 2] = 0.7;
  att[4 * T + 0] = 0.3;
  return {
    model: { id: 'm', version: 'v' },
    text: ' a b c a b c',
    truncated: false,
    tokens: ids.map((id) => ({ id, text: ` ${'_abc'[id]}`, bytes: [32, 96 + id] })),
    logits: { data: logits, shape: [T, V] },
    attentions: { data: att, shape: [1, 1, T, T] },
  };
}

describe('in-context data', () => {
  it('repeats a sequence with one leading space per copy', () => {
    expect(repeatText('  a b ', 3)).toBe(' a b a b a b');
    expect(repeatText('', 2)).toBe('');
  });

  it('picks the head with the highest score, 1-based', () => {
    expect(strongestHead([[0.1, 0.2], [0.5, 0.3]])).toEqual({ layer: 2, head: 1, score: 0.5 });
  });

  it('splits the copies by bytes, scores each token, and links each later token to the shifted one', () => {
    const d = buildInContext(tinyTrace(), 'a b c', 2, { layer: 1, head: 1, score: 1 });
    expect(d.copies.map((c) => [c.start, c.tokens.length])).toEqual([[1, 3], [4, 3]]);
    expect(d.first.losses[0]).toBeNull();
    expect(d.copies[1].mean_loss!).toBeLessThan(d.copies[0].mean_loss!);
    expect(d.drop!).toBeCloseTo(d.copies[0].mean_loss! - d.copies[1].mean_loss!, 12);
    expect(d.induction.map((l) => [l.index, l.shifted])).toEqual([[4, 2], [5, 3], [6, 4]]);
    const b = d.induction[1];
    expect(b.weight).toBeCloseTo(0.7, 6);
    expect(b.top).toBe(3);
  });

  it('judges the few-shot guess: a bare space is not a start of the answer', () => {
    expect(fewShotOf([{ id: 1, text: ' ', p: 0.5 }]).right).toBe(false);
    expect(fewShotOf([{ id: 1, text: ' PL', p: 0.5 }]).right).toBe(true);
  });
});

describe('in-context render', () => {
  it('draws every token as a target, arcs for the induction links and the summary from the data', () => {
    const root = mount();
    const d = def();
    render(root, d, { reducedMotion: true, width: 640 });
    const tiles = root.querySelectorAll('[data-token]');
    expect(tiles).toHaveLength(d.tokens.length);
    expect(root.querySelectorAll('.gb-ic-arcs path')).toHaveLength(d.induction.length);
    const summary = root.querySelector('.gb-ic-summary')!.textContent!;
    expect(summary).toContain(`${d.copies[0].mean_loss!.toFixed(2)} nats`);
    expect(summary).toContain(`${d.drop!.toFixed(2)} nats lower`);
    expect(summary).toContain(`layer ${d.head.layer}, head ${d.head.head}`);
    expect(root.querySelector('.gb-ic-few')!.textContent).toContain(d.few_shot.prompt);
    expect(root.querySelectorAll('.gb-ic-table tbody tr')).toHaveLength(d.copies[0].tokens.length);
  });

  it('selects the biggest drop by default and moves with the arrow keys', () => {
    const root = mount();
    const d = def();
    const onSelect = vi.fn();
    render(root, d, { reducedMotion: true, onSelect });
    const p = defaultPosition(d)!;
    const sel = root.querySelector('[aria-selected="true"]')!;
    expect(sel.getAttribute('data-token')).toBe(String(p));
    expect(root.querySelector('.gb-ic-detail')!.textContent).toContain(`Token ${p}`);
    sel.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(onSelect).toHaveBeenCalledWith(p + 1);
  });

  it('lays each copy out from a new line and never past the width', () => {
    const d = def();
    for (const w of [280, 640]) {
      const lay = layoutTiles(d, w);
      for (const t of lay.tiles) expect(t.x + t.w).toBeLessThanOrEqual(w + 0.001);
      const firstOf2 = lay.tiles.find((t) => t.index === d.copies[1].start)!;
      expect(firstOf2.x).toBe(0);
    }
  });

  it('says what is missing for an empty or one-token sequence', () => {
    const root = mount();
    render(root, exampleBody({ text: '', repeat: 2 }), { reducedMotion: true });
    expect(root.querySelector('.gb-ic-summary')!.textContent).toMatch(/Type a sequence/);
    render(root, exampleBody({ text: 'Ab', repeat: 2 }), { reducedMotion: true });
    expect(root.querySelector('.gb-ic-summary')!.textContent).toMatch(/at least two tokens/);
  });
});
