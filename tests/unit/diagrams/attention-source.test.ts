import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportBody, fromExample, queryIndex, viewOf, type AttentionExample } from '../../../src/diagrams/kit/attention/source';
import attention from '../../../src/diagrams/attention/entry';
import attentionMatrix from '../../../src/diagrams/attention-matrix/entry';
import { normalizeState, parseState } from '../../../src/diagrams/kit/state';
import { ARCH } from '../../../src/model/architecture';
import { EXAMPLE_TEXTS } from '../../../src/model/examples';

/** [L=2][H=2][T=2][T=2], every weight distinct so a wrong slice shows. */
const tiny: AttentionExample = {
  model: { id: 'm', version: 'v' },
  text: 'ab',
  truncated: false,
  tokens: [
    { id: 1, text: 'a' },
    { id: 2, text: 'b' },
  ],
  attentions: [
    [
      [
        [1, 0],
        [0.1, 0.9],
      ],
      [
        [1, 0],
        [0.2, 0.8],
      ],
    ],
    [
      [
        [1, 0],
        [0.3, 0.7],
      ],
      [
        [1, 0],
        [0.4, 0.6],
      ],
    ],
  ],
};

describe('attention source', () => {
  it('cuts the selected head (1-based) out of [L][H][T][T]', () => {
    const src = fromExample(tiny);
    expect([src.layers, src.heads, src.kind]).toEqual([2, 2, 'example']);
    const v = viewOf(src, 2, 1);
    expect([v.layer, v.head]).toEqual([1, 0]);
    expect(Array.from(v.weights)).toEqual([1, 0, 0.3, 0.7]);
    expect(Array.from(viewOf(src, 9, -3).weights)).toEqual([1, 0, 0.3, 0.7]); // layer 2, head 1: clamped to the model
  });

  it('exports the selected head as [query][key] with tokens and model', () => {
    const src = fromExample(tiny);
    expect(exportBody(src, viewOf(src, 1, 2))).toEqual({
      source: 'example',
      model: { id: 'm', version: 'v' },
      text: 'ab',
      truncated: false,
      tokens: tiny.tokens,
      attention: [
        [1, 0],
        [0.2, 0.8],
      ],
    });
  });

  it('maps the 1-based token to a query index inside the text', () => {
    expect(queryIndex(1, 10)).toBe(0);
    expect(queryIndex(8, 10)).toBe(7);
    expect(queryIndex(200, 10)).toBe(9);
    expect(queryIndex(5, 0)).toBe(0);
  });
});

describe('the shipped example and the registry agree', () => {
  const example = JSON.parse(readFileSync('src/data/examples/attention.json', 'utf8')) as AttentionExample;

  it('is the default text, with a [L][H][T][T] tensor whose rows sum to 1 and are causal', () => {
    expect(example.text).toBe(EXAMPLE_TEXTS.attention);
    expect(attention.state.text.default).toBe(example.text);
    const T = example.tokens.length;
    expect(example.attentions).toHaveLength(attention.state.layer.max);
    for (const l of example.attentions) {
      expect(l).toHaveLength(attention.state.head.max);
      for (const h of l) {
        expect(h).toHaveLength(T);
        h.forEach((row, q) => {
          expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5);
          row.slice(q + 1).forEach((w) => expect(w).toBe(0));
        });
      }
    }
    // The default token is " it", the word the chapter asks about.
    expect(example.tokens[attention.state.token.default - 1].text).toBe(' it');
  });

  it('gives both views the same state fields, and parses the issue’s example link', () => {
    expect(attentionMatrix.state).toBe(attention.state);
    const { state, notes } = parseState('text=The%20cat%20sat&layer=2&head=3&token=9', attention.state);
    expect(state).toEqual({ text: 'The cat sat', layer: 2, head: 3, token: 9 });
    expect(notes).toEqual([]);
    // The bounds are the shipped model's: ARCH.heads heads per layer, ARCH.context tokens.
    const [H, T] = [ARCH.heads, ARCH.context];
    expect(parseState(`layer=0&head=${H + 1}&token=${T + 1}`, attention.state).notes).toEqual([
      'layer: 0 is below the minimum 1; using 1.',
      `head: ${H + 1} is above the maximum ${H}; using ${H}.`,
      `token: ${T + 1} is above the maximum ${T}; using ${T}.`,
    ]);
    for (const fixture of Object.values(attention.fixtures)) expect(normalizeState(fixture, attention.state).notes).toEqual([]);
  });
});
