// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildRound, clampRound, GAME_SENTENCES, pickCandidates, scoreRound } from '../../../src/diagrams/next-token-game/game';
import { render } from '../../../src/diagrams/next-token-game/render';
import { addRound, EMPTY_TALLY, pickBet } from '../../../src/math/next-token';
import { emptyFixture, mount, windowFixture } from './next-token-fixture';

afterEach(() => {
  document.body.replaceChildren();
});

describe('next-token-game rules', () => {
  it('ships about twelve distinct sentences with ids 1 … N', () => {
    expect(GAME_SENTENCES.length).toBeGreaterThanOrEqual(10);
    expect(GAME_SENTENCES.map((s) => s.id)).toEqual(GAME_SENTENCES.map((_, i) => i + 1));
    expect(new Set(GAME_SENTENCES.map((s) => s.text)).size).toBe(GAME_SENTENCES.length);
  });

  it('offers five candidates: the model’s top four plus the true token, or its fifth guess', () => {
    const d = windowFixture();
    for (let r = 1; r <= 3; r++) {
      const c = pickCandidates(d, r);
      const pos = d.positions[r - 1];
      expect(c).toHaveLength(5);
      expect(new Set(c.map((x) => x.id)).size).toBe(5);
      expect(c.map((x) => x.id)).toContain(pos.target.id);
      for (const g of pos.top.slice(0, 4)) expect(c.map((x) => x.id)).toContain(g.id);
      expect(c.find((x) => x.id === pos.target.id)?.p).toBeCloseTo(pos.p, 12);
    }
    // Round 2's target is the top guess, so the fifth guess fills the slot.
    expect(pickCandidates(d, 2).map((x) => x.id).sort()).toEqual(d.positions[1].top.map((g) => g.id).sort());
  });

  it('shuffles by text and round, the same way every time', () => {
    const d = windowFixture();
    expect(pickCandidates(d, 3)).toEqual(pickCandidates(windowFixture(), 3));
    const orders = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((t) => pickCandidates({ ...d, text: t }, 3).map((c) => c.id).join()),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('builds a round: seen tokens, target, the model’s loss; rounds clamp', () => {
    const d = windowFixture();
    const r = buildRound(d, 4, 2)!;
    expect(r.seen.map((t) => t.text)).toEqual(['The', ' cat']);
    expect(r.target.text).toBe(' sat');
    expect(r.rounds).toBe(3);
    expect(r.model_loss).toBeCloseTo(-Math.log(r.p_true), 9);
    expect([0, 1, 3, 9].map((x) => clampRound(d, x))).toEqual([1, 1, 3, 3]);
    expect(buildRound(emptyFixture(1), 1, 1)).toBeNull();
    const s = scoreRound(r, pickBet(r.target.id));
    expect(s).toEqual({ reader: 0, model: r.model_loss });
  });
});

describe('next-token-game render', () => {
  const round = () => buildRound(windowFixture(), 4, 3)!;

  it('shows the sentence start with data-token hooks and five radio candidates', () => {
    const root = mount();
    render(root, round(), { reducedMotion: true });
    expect([...root.querySelectorAll('.gb-ntg-prompt [data-token]')].map((e) => [e.getAttribute('data-token'), e.textContent])).toEqual([
      ['1', 'The'],
      ['2', ' cat'],
      ['3', ' sat'],
    ]);
    const radios = root.querySelectorAll<HTMLInputElement>('.gb-ntg-candidates input[type="radio"]');
    expect(radios).toHaveLength(5);
    expect(new Set([...radios].map((r) => r.name)).size).toBe(1);
    expect(root.querySelector<HTMLButtonElement>('.gb-ntg-reveal')?.disabled).toBe(true);
    expect(root.querySelector('.gb-ntg-summary')?.textContent).toBe('Sentence 4, round 3 of 3: which token comes next?');
    expect(root.querySelector('.gb-ntg-result')?.hasAttribute('hidden')).toBe(true);
  });

  it('scores a pick on reveal, reader against model, and shows the tally it is given', () => {
    const root = mount();
    const r = round();
    const onReveal = vi.fn();
    const chart = render(root, r, { reducedMotion: true, onReveal });
    const wrong = r.candidates.findIndex((c) => c.id !== r.target.id);
    const radio = root.querySelectorAll<HTMLInputElement>('.gb-ntg-candidates input')[wrong];
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    const reveal = root.querySelector<HTMLButtonElement>('.gb-ntg-reveal')!;
    expect(reveal.disabled).toBe(false);
    reveal.click();
    expect(onReveal).toHaveBeenCalledTimes(1);
    const score = onReveal.mock.calls[0][0];
    expect(score.reader).toBeCloseTo(-Math.log(1e-3), 12);
    expect(score.model).toBeCloseTo(r.model_loss, 12);
    expect(root.querySelector('.gb-ntg-outcome')?.textContent).toMatch(/^The next token was “␣on”\. You put 0\.0% on it: a loss of 6\.91 nats \(9\.97 bits\), the most a miss can cost here\./);
    chart.update(r, { tally: addRound(EMPTY_TALLY, score) });
    expect(root.querySelector('.gb-ntg-tally')?.textContent).toMatch(/^After 1 round: you 6\.91 nats per round, the model \d\.\d\d nats; you won 0 of 1\./);
    expect(root.querySelectorAll('.gb-ntg-table tbody tr')).toHaveLength(5);
    expect(root.querySelector('.gb-ntg-table tr.is-target td')?.textContent).toBe('␣on (true)');
    expect(root.querySelector('.gb-ntg-summary')?.textContent).toMatch(/the next token was “␣on”/);
  });

  it('draws the bet as an exportable picture, and the model’s probabilities beside it once revealed', () => {
    const root = mount();
    const r = round();
    render(root, r, { reducedMotion: true, width: 400 });
    const svg = root.querySelector('svg.gb-ntg-figure[data-export="svg"]');
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
    const rows = () => [...root.querySelectorAll<SVGGElement>('.gb-ntg-figure g.gb-ntg-row')];
    expect(rows().map((g) => Number(g.getAttribute('data-token-id')))).toEqual(r.candidates.map((c) => c.id));
    expect(rows().every((g) => g.querySelector('.gb-ntg-model')?.getAttribute('visibility') === 'hidden')).toBe(true);
    const i = r.candidates.findIndex((c) => c.id === r.target.id);
    const radio = root.querySelectorAll<HTMLInputElement>('.gb-ntg-candidates input')[i];
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    expect(rows()[i].querySelector('.gb-ntg-reader-pct')?.textContent).toBe('100.0%');
    root.querySelector<HTMLButtonElement>('.gb-ntg-reveal')!.click();
    const target = root.querySelector('.gb-ntg-figure g.is-target');
    expect(Number(target?.getAttribute('data-token-id'))).toBe(r.target.id);
    expect(target?.querySelector('.gb-ntg-model')?.getAttribute('visibility')).toBeNull();
    const bar = 400 - 96 - 52;
    expect(Number(target?.querySelector('.gb-ntg-model')?.getAttribute('width'))).toBeCloseTo(r.p_true * bar, 6);
  });

  it('takes shares on native sliders and normalises them', () => {
    const root = mount();
    const r = round();
    const onReveal = vi.fn();
    render(root, r, { mode: 'shares', reducedMotion: true, onReveal });
    const sliders = [...root.querySelectorAll<HTMLInputElement>('.gb-ntg-candidates input[type="range"]')];
    expect(sliders).toHaveLength(5);
    const t = r.candidates.findIndex((c) => c.id === r.target.id);
    sliders[t].value = '30';
    sliders[t].dispatchEvent(new Event('input', { bubbles: true }));
    sliders[(t + 1) % 5].value = '10';
    sliders[(t + 1) % 5].dispatchEvent(new Event('input', { bubbles: true }));
    expect(root.querySelectorAll('.gb-ntg-candidates output')[t].textContent).toBe('75.0%');
    root.querySelector<HTMLButtonElement>('.gb-ntg-reveal')!.click();
    expect(onReveal.mock.calls[0][0].reader).toBeCloseTo(-Math.log(0.75), 12);
  });

  it('switches mode from the radio group, and asks for the next round', () => {
    const root = mount();
    const onMode = vi.fn();
    const onNext = vi.fn();
    render(root, buildRound(windowFixture(), 4, 1)!, { reducedMotion: true, onMode, onNext });
    const shares = root.querySelector<HTMLInputElement>('.gb-ntg-mode input[value="shares"]')!;
    shares.checked = true;
    shares.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onMode).toHaveBeenCalledWith('shares');
    expect(root.querySelectorAll('.gb-ntg-candidates input[type="range"]')).toHaveLength(5);
    const slider = root.querySelector<HTMLInputElement>('.gb-ntg-candidates input')!;
    slider.value = '50';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    root.querySelector<HTMLButtonElement>('.gb-ntg-reveal')!.click();
    root.querySelector<HTMLButtonElement>('.gb-ntg-next')!.click();
    expect(onNext).toHaveBeenCalledWith(2);
  });

  it('gives a clear message with no round', () => {
    const root = mount();
    render(root, null, { reducedMotion: true });
    expect(root.querySelector('.gb-ntg-summary')?.textContent).toMatch(/fewer than two tokens/);
    expect(root.querySelector('.gb-ntg-bet')?.hasAttribute('hidden')).toBe(true);
  });
});
