// @vitest-environment jsdom
/**
 * <glassbox-pronoun-probes> with a made-up model: it names heads.json's pronoun head, fills each
 * row from that head's attention (the probes not held in the page's memo, the diagram's sentence
 * shared), fills the prose slots, and a row's button hands its sentence, head and pronoun token to
 * the attention diagram.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TensorF32 } from '../../../src/model/tensor';
import type { HeadScores } from '../../../src/model/assets';
import { EXAMPLE_TEXTS } from '../../../src/model/examples';
import { PROBE_GROUPS, wordToken } from '../../../src/stories/attention-story/pronouns';
import { cleanup } from './dom';

/** Words with their leading space, punctuation kept on the word: enough of a tokenizer for wordToken. */
const tokenize = (text: string) => (text.match(/\s?\S+/g) ?? []).map((t, index) => ({ index, id: index, text: t, bytes: [] }));

/** [2][2][T][T]; in head [1][0] each query gives 0.5 to the first token and, past it, the most to "trophy" when there is one, else to the second token. */
function attentions(tokens: { text: string }[]): TensorF32 {
  const T = tokens.length;
  const data = new Float32Array(4 * T * T);
  const favourite = Math.max(1, tokens.findIndex((t) => t.text.trim() === 'trophy'));
  for (let lh = 0; lh < 4; lh++) {
    for (let q = 0; q < T; q++) {
      const row = data.subarray((lh * T + q) * T, (lh * T + q + 1) * T);
      if (lh !== 2 || q < 2) {
        row.fill(1 / (q + 1), 0, q + 1);
        continue;
      }
      row[0] = 0.5;
      const rest = q - 1;
      for (let k = 1; k <= q; k++) row[k] = (0.5 - 0.1) / rest;
      if (favourite <= q) row[favourite] += 0.1;
    }
  }
  return new TensorF32(data, [2, 2, T, T]);
}

const HEADS: HeadScores = {
  layers: 2,
  heads: 2,
  labels: [['broad', 'broad'], ['broad', 'broad']],
  scores: {} as HeadScores['scores'],
  coreference: {
    cases: 68,
    per_head_accuracy: [[0.5, 0.5], [0.9, 0.5]],
    held_out: { directions: [{ chosen_on: 'even', layer: 1, head: 0, accuracy: 0.9 }, { chosen_on: 'odd', layer: 1, head: 0, accuracy: 0.8 }], accuracy: 0.85 },
  },
};

const calls: { text: string; opts?: { outputs?: string[]; hold?: boolean } }[] = [];
const fakeModel = {
  load: async () => ({ id: 'fake' }),
  trace: async (text: string, opts?: { outputs?: string[]; hold?: boolean }) => {
    calls.push({ text, opts });
    const tokens = tokenize(text);
    return { text, tokens, attentions: attentions(tokens) };
  },
};

vi.mock('../../../src/model/client', () => ({
  getModel: () => fakeModel,
  latest: <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => fn,
}));
vi.mock('../../../src/model/assets', async (actual) => ({
  ...(await actual<typeof import('../../../src/model/assets')>()),
  headScores: async () => HEADS,
}));

const probes = PROBE_GROUPS.flatMap((g) => g.probes);

/** The table as Pronouns.astro writes it, rows, roles and slots only. */
function markup(): HTMLElement {
  const el = document.createElement('glassbox-pronoun-probes');
  el.dataset.source = 'example';
  el.dataset.baselines = JSON.stringify({ cases: 68, chance: 0.41, firstNoun: 0.49 });
  const rows = probes
    .map(
      (p, i) =>
        `<tr data-probe="${i}" data-text="${p.text}"><td><button data-action="show-probe" data-probe="${i}">Show in the diagram</button></td>` +
        '<td><span data-role="top"></span><span data-role="mark"></span><span data-role="weight"></span><span data-role="verdict"></span></td></tr>',
    )
    .join('');
  el.innerHTML = `<p data-role="status"></p><table><tbody>${rows}</tbody></table>`;
  return el;
}

/** A stand-in attention diagram: its state, set through `value` as link.ts does. */
function diagram(): { el: HTMLElement; got: unknown[] } {
  const got: unknown[] = [];
  const el = document.createElement('div');
  el.dataset.diagram = 'attention';
  el.dataset.state = `text=${encodeURIComponent(EXAMPLE_TEXTS.attention)}&layer=1&head=1&token=8`;
  Object.defineProperty(el, 'value', {
    get: () => ({ text: EXAMPLE_TEXTS.attention, layer: 1, head: 1, token: 8 }),
    set: (v: unknown) => got.push(v),
  });
  el.scrollIntoView = () => {};
  return { el, got };
}

beforeEach(() => {
  calls.length = 0;
});
afterEach(() => cleanup());

describe('<glassbox-pronoun-probes>', () => {
  it('fills every row and slot from the named head, and hands a row to the attention diagram', async () => {
    await import('../../../src/stories/attention-story/pronoun-element');
    const { el: main, got } = diagram();
    const slots = ['coref-head', 'coref-score', 'coref-baseline', 'coref-sentence'].map((k) => {
      const s = document.createElement('span');
      s.dataset.fill = k;
      s.textContent = '…';
      return s;
    });
    document.body.append(main, ...slots);
    const el = markup();
    document.body.append(el);
    await vi.waitFor(() => expect(el.dataset.source).toBe('model'));

    expect(el.dataset.layer).toBe('2');
    expect(el.dataset.head).toBe('1');
    // One trace per probe; only the diagram's own sentence may be held in the page's memo.
    expect(calls.filter((c) => c.opts?.hold === false).map((c) => c.text)).toEqual(probes.map((p) => p.text).filter((t) => t !== EXAMPLE_TEXTS.attention));
    expect(calls.some((c) => c.text === EXAMPLE_TEXTS.attention && c.opts === undefined)).toBe(true);

    for (const [i, p] of probes.entries()) {
      const tr = el.querySelector<HTMLElement>(`tr[data-probe="${i}"]`)!;
      const q = wordToken(tokenize(p.text), p.pronoun);
      expect(tr.dataset.query).toBe(String(q + 1));
      expect(tr.querySelector('[data-role="top"]')!.textContent).toMatch(/^“The” 50\.0%$/);
      // The model favours "trophy": right in the "too big" sentence only, and wherever the second token is meant.
      const right = p.antecedent === 'trophy' || (p.text.includes('trophy') ? false : wordToken(tokenize(p.text), p.antecedent) === 1);
      expect(tr.dataset.right, p.text).toBe(String(right));
      expect(tr.querySelector('[data-role="mark"]')!.textContent).toBe(right ? '✓' : '✗');
    }
    await vi.waitFor(() => expect(slots[3].textContent).toMatch(/^In the diagram’s sentence, layer 2, head 1 sends the most attention from “it” to “The” \(50\.0%\)/));
    expect(slots[0].textContent).toBe('layer 2, head 1');
    expect(slots[1].textContent).toMatch(/best head is the same: layer 2, head 1\. .* 85\.0%/);
    expect(slots[2].textContent).toMatch(/41\.0% .* 49\.0%\. The head does clearly better/);
    expect(el.querySelector('[data-role="status"]')!.textContent).toMatch(/^Live:/);

    const trophy = probes.findIndex((p) => p.antecedent === 'suitcase');
    el.querySelector<HTMLButtonElement>(`button[data-probe="${trophy}"]`)!.click();
    expect(got.at(-1)).toEqual({ text: probes[trophy].text, layer: 2, head: 1, token: wordToken(tokenize(probes[trophy].text), 'it') + 1 });
  });
});
