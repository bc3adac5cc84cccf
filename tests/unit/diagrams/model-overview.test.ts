// @vitest-environment jsdom
/**
 * The model-overview view in jsdom, drawn from the committed example: one linked card per stage,
 * horizontal on a wide chart and vertical on a phone, thumbnails from the last token's rows,
 * arrow keys between stages, the size relabelling, and a GSAP timeline owned and killed. Also
 * that each stage's link speaks the query its chapter's diagram reads.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import example from '../../../src/data/examples/model-overview.json';
import { render } from '../../../src/diagrams/model-overview/render';
import entry from '../../../src/diagrams/model-overview/entry';
import { levelOf, THUMB_KEYS, THUMB_LEVELS, thumbCells } from '../../../src/diagrams/model-overview/draw';
import type { OverviewExample } from '../../../src/diagrams/model-overview/example';
import { VERTICAL_BELOW } from '../../../src/diagrams/model-overview/layout';
import { stageLink } from '../../../src/diagrams/model-overview/stages';
import { linkContext } from '../../../src/diagrams/model-overview/view';
import { getDiagram } from '../../../src/diagrams/registry';
import { parseState } from '../../../src/diagrams/kit/state';
import { ARCH } from '../../../src/model/architecture';

afterEach(() => document.body.replaceChildren());

const ex = example as OverviewExample;
const view = ex.views[0];
const stages = entry.state.stage.values;
const mount = () => document.body.appendChild(document.createElement('div'));
const key = (el: Element, k: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
const cards = (root: Element) => [...root.querySelectorAll<SVGAElement>('a.gb-mo-stage')];
const num = (el: Element, a: string) => Number(el.getAttribute(a));

describe('model-overview render', () => {
  it('draws one linked card per stage, in a row on a wide chart', () => {
    const root = mount();
    render(root, view, { stages, stage: 'block-2', width: 1100, reducedMotion: true, base: '/' });
    const cs = cards(root);
    expect(cs.map((c) => c.dataset.stage)).toEqual(stages);
    expect(stages).toHaveLength(ARCH.layers + 6);
    expect(new Set(cs.map((c) => c.querySelector('rect')!.getAttribute('y')))).toEqual(new Set(['0.5']));
    const svg = root.querySelector('svg')!;
    expect(num(svg, 'width')).toBeLessThanOrEqual(1100);
    const right = Math.max(...cs.map((c) => num(c.querySelector('rect')!, 'x') + num(c.querySelector('rect')!, 'width')));
    expect(right).toBeLessThanOrEqual(1100);
    // The selected card is the one tab stop, and the summary speaks for it.
    expect(cs.filter((c) => c.getAttribute('tabindex') === '0').map((c) => c.dataset.stage)).toEqual(['block-2']);
    expect(root.querySelector('.gb-mo-summary')!.textContent).toMatch(/^Block 2: /);
    expect(root.querySelectorAll('.gb-mo-table tbody tr')).toHaveLength(stages.length);
  });

  it('stacks the cards in one column at 360 px, within the width', () => {
    const root = mount();
    render(root, view, { stages, stage: 'next', width: 328, reducedMotion: true });
    expect(328).toBeLessThan(VERTICAL_BELOW);
    const rects = cards(root).map((c) => c.querySelector('rect')!);
    expect(new Set(rects.map((r) => r.getAttribute('x')))).toEqual(new Set(['0.5']));
    for (const r of rects) expect(num(r, 'x') + num(r, 'width')).toBeLessThanOrEqual(328);
    const ys = rects.map((r) => num(r, 'y'));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('links each stage into its chapter with the text, the layer and the last token', () => {
    const root = mount();
    render(root, view, { stages, width: 1100, reducedMotion: true, base: '/' });
    const href = (s: string) => new URL(cards(root).find((c) => c.dataset.stage === s)!.getAttribute('href')!, 'http://x');
    const T = view.tokens.length;
    expect(href('tokens').pathname).toBe('/tokenization/');
    expect(href('tokens').searchParams.get('text')).toBe(view.text);
    expect(href('embeddings').searchParams.get('token')).toBe(String(view.tokens[T - 1].id));
    expect(href('block-3').pathname).toBe('/attention/');
    expect(href('block-3').searchParams.get('layer')).toBe('3');
    expect(href('block-3').searchParams.get('token')).toBe(String(T));
    expect(href('norm').pathname).toBe('/layers/');
    expect(href('next').pathname).toBe('/decoding/');
  });

  it('draws each block’s thumbnail from the last token’s rows, one shade per √weight (keys summed past THUMB_KEYS)', () => {
    const root = mount();
    render(root, view, { stages, width: 1100, reducedMotion: true });
    const T = view.tokens.length;
    for (const b of view.blocks) {
      const thumb = root.querySelector(`.gb-mo-face[data-stage="block-${b.layer}"] .gb-mo-thumb`)!;
      expect(num(thumb, 'data-heads')).toBe(ARCH.heads);
      expect(num(thumb, 'data-keys')).toBe(Math.min(T, THUMB_KEYS));
      const drawn = new Map<string, number>();
      for (const p of thumb.querySelectorAll('path.gb-mo-att')) {
        for (const m of p.getAttribute('d')!.matchAll(/M(\d+),(\d+)/g)) {
          expect(drawn.has(`${m[2]},${m[1]}`)).toBe(false);
          drawn.set(`${m[2]},${m[1]}`, num(p, 'data-level'));
        }
      }
      b.attention.forEach((row, h) => row.forEach((w, k) => expect(drawn.get(`${h},${k}`) ?? 0, `block ${b.layer} head ${h + 1} key ${k + 1}`).toBe(levelOf(w))));
    }
    const long = Array.from({ length: 2 }, () => Array.from({ length: 40 }, () => 1 / 40));
    const binned = thumbCells(long);
    expect(binned).toHaveLength(2 * THUMB_KEYS);
    expect(binned.filter((c) => c.h === 0).reduce((s, c) => s + c.w, 0)).toBeCloseTo(1, 9);
    expect(levelOf(1)).toBe(THUMB_LEVELS);
    expect(levelOf(0)).toBe(0);
  });

  it('arrow keys, Home and End move between stages', () => {
    const root = mount();
    const onSelect = vi.fn();
    const chart = render(root, view, { stages, stage: 'tokens', width: 1100, reducedMotion: true, onSelect });
    const g = root.querySelector('.gb-mo-stages')!;
    key(g, 'ArrowRight');
    expect(onSelect).toHaveBeenLastCalledWith('embeddings');
    chart.update(view, { stage: 'block-1' });
    key(g, 'ArrowLeft');
    expect(onSelect).toHaveBeenLastCalledWith('embeddings');
    key(g, 'End');
    expect(onSelect).toHaveBeenLastCalledWith('next');
    key(g, 'ArrowDown');
    expect(onSelect).toHaveBeenLastCalledWith('block-2');
    chart.update(view, { stage: 'next' });
    onSelect.mockClear();
    key(g, 'ArrowRight');
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('relabels the shapes with GPT-3’s and cites them; the numbers stay', () => {
    const root = mount();
    const onSize = vi.fn();
    const chart = render(root, view, { stages, width: 1100, reducedMotion: true, onSize });
    const shape = () => root.querySelector('.gb-mo-face[data-stage="block-1"] .gb-mo-shape')!.textContent;
    expect(shape()).toContain(`${ARCH.heads} heads`);
    const before = root.querySelector('.gb-mo-face[data-stage="block-1"] .gb-mo-content')!.innerHTML;
    chart.update(view, { size: 'gpt3' });
    expect(shape()).toContain('96 heads');
    expect(root.querySelector('.gb-mo-face[data-stage="logits"] .gb-mo-shape')!.textContent).toContain('50,257');
    expect(root.querySelector('.gb-mo-cite')!.textContent).toMatch(/Brown et al\. \(2020\)/);
    expect(root.querySelector('.gb-mo-face[data-stage="block-1"] .gb-mo-content')!.innerHTML).toBe(before);
    const select = root.querySelector<HTMLSelectElement>('.gb-mo-size select')!;
    expect(select.value).toBe('gpt3');
    select.value = 'gpt2-small';
    select.dispatchEvent(new Event('change'));
    expect(onSize).toHaveBeenCalledWith('gpt2-small');
  });

  it('plays a new pass as one timeline, killed by the next pass and by destroy; reduced motion jumps', () => {
    const tls: { kill: ReturnType<typeof vi.fn> }[] = [];
    const gsap = {
      timeline: vi.fn(() => {
        const tl = { kill: vi.fn(), fromTo: vi.fn(() => tl) };
        tls.push(tl);
        return tl;
      }),
      set: vi.fn(),
    } as unknown as typeof import('gsap').gsap;
    const root = mount();
    const chart = render(root, view, { stages, width: 1100, gsap });
    expect(tls).toHaveLength(0); // the first draw is not a new pass
    chart.update(ex.views[1]);
    expect(tls).toHaveLength(1);
    chart.update(ex.views[1], { stage: 'tokens' }); // a stage change replays nothing
    expect(tls).toHaveLength(1);
    chart.update(ex.views[0]);
    expect(tls).toHaveLength(2);
    expect(tls[0].kill).toHaveBeenCalled();
    chart.destroy();
    expect(tls[1].kill).toHaveBeenCalled();
    expect(root.children).toHaveLength(0);
    const calm = render(mount(), view, { stages, width: 1100, gsap, reducedMotion: true });
    calm.update(ex.views[1]);
    expect(tls).toHaveLength(2);
  });

  it('says so when there is no text', () => {
    const root = mount();
    const empty = { text: '', tokens: [], embed: [], blocks: [], norm: { before: 0, after: 0 }, logits: [], final: [] };
    render(root, empty, { stages, stage: 'block-1', width: 360, reducedMotion: true });
    expect(root.querySelector('.gb-mo-summary')!.textContent).toMatch(/no text/);
    expect(root.querySelectorAll('.gb-mo-att')).toHaveLength(0);
  });
});

describe('model-overview links', () => {
  // The diagram on each route that reads the page URL, and so opens in the linked state.
  const readers: Record<string, string> = {
    '/tokenization/': 'tokenizer',
    '/embeddings/': 'embedding-space',
    '/attention/': 'attention',
    '/layers/': 'layer-stack',
    '/decoding/': 'generate',
  };

  it('use only parameters the chapter’s diagram accepts, each parsing without a note', () => {
    for (const v of ex.views) {
      for (const stage of stages) {
        const url = new URL(stageLink(stage, linkContext(v)), 'http://x');
        const id = readers[url.pathname];
        expect(id, `${stage} → ${url.pathname}`).toBeDefined();
        const target = getDiagram(id)!;
        expect(target.chapter).toBe(url.pathname);
        for (const k of url.searchParams.keys()) expect(Object.keys(target.state), `${stage}: ${k}`).toContain(k);
        const parsed = parseState(url.searchParams, target.state);
        expect(parsed.notes, `${stage}: ${url.search}`).toEqual([]);
        expect(parsed.state.text).toBe(v.text);
      }
    }
  });
});
