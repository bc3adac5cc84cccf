/**
 * The masks diagram on the shipped models (Node, through the same adapters as the site): the
 * GPT's grid is causal (upper triangle exactly 0), the encoder's is not (real weight above the
 * diagonal), the encoder-decoder's cross-attention is fully visible, and every row sums to 1.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_TEXTS } from '../../../src/model/examples';
import { loadCompanion, nodeModel, readCatalogue } from '../../../src/model/node';
import { masksData, SIZES, START, type Heads, type Sources } from '../../../src/diagrams/attention-masks/data';
import { laterShare } from '../../../src/diagrams/attention-masks/text';
import type { TensorF32 } from '../../../src/model/tensor';

const text = EXAMPLE_TEXTS.masks;
const hasEncoder = (readCatalogue().companions ?? []).some((c) => c.role === 'encoder');
const heads = (t: TensorF32, rows: Heads['rows'], cols: Heads['cols']): Heads => ({ layers: t.shape[0], heads: t.shape[1], rows, cols, weights: t.data });
const sumsToOne = (rows: number[][]) => rows.forEach((r) => expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4));

async function sources(): Promise<Sources> {
  const ref = { id: 'x', version: 'x' };
  const tr = await nodeModel().trace(text);
  const t = await (await loadCompanion('seq2seq')).translate(text);
  const out = [START, ...t.output];
  const enc = hasEncoder ? await (await loadCompanion('encoder')).attend(text) : null;
  return {
    decoder: { origin: 'model', model: ref, text, attn: heads(tr.attentions, tr.tokens, tr.tokens) },
    encdec: { origin: 'model', model: ref, text, self: heads(t.decoderAttentions, out, out), cross: heads(t.crossAttentions, out, t.source) },
    encoder: enc ? { origin: 'model', model: ref, text, attn: heads(enc.attentions, enc.tokens, enc.tokens) } : null,
  };
}

describe('attention-masks on the shipped models', () => {
  it('decoder: causal, every row sums to 1, the upper triangle exactly 0, for every layer and head', async () => {
    const src = await sources();
    for (let layer = 1; layer <= 6; layer++)
      for (let head = 1; head <= 6; head++) {
        const [enc, dec, ed] = masksData(src, { text, kind: 'decoder', layer, head }).panels;
        const w = dec.grids[0].weights!;
        sumsToOne(w);
        w.forEach((r, i) => r.slice(i + 1).forEach((x) => expect(x).toBe(0)));
        sumsToOne(ed.grids[0].weights!);
        sumsToOne(ed.grids[1].weights!);
        ed.grids[0].weights!.forEach((r, i) => r.slice(i + 1).forEach((x) => expect(x).toBeLessThan(1e-6)));
        if (enc.grids[0].weights) sumsToOne(enc.grids[0].weights);
      }
  }, 60_000);

  it('the pickers\' bounds per model are the shipped models\' sizes', async () => {
    const src = await sources();
    expect(SIZES.decoder).toEqual({ layers: src.decoder!.attn.layers, heads: src.decoder!.attn.heads });
    expect(SIZES.encdec).toEqual({ layers: src.encdec!.self.layers, heads: src.encdec!.self.heads });
    expect(SIZES.encdec).toEqual({ layers: src.encdec!.cross.layers, heads: src.encdec!.cross.heads });
    if (src.encoder) expect(SIZES.encoder).toEqual({ layers: src.encoder.attn.layers, heads: src.encoder.attn.heads });
  }, 60_000);

  it.skipIf(!hasEncoder)('encoder: every row sums to 1 and the upper triangle holds real weight', async () => {
    const src = await sources();
    let total = 0;
    for (let layer = 1; layer <= 6; layer++)
      for (let head = 1; head <= 6; head++) {
        const w = masksData(src, { text, kind: 'encoder', layer, head }).panels[0].grids[0].weights!;
        sumsToOne(w);
        total += laterShare(w);
      }
    // Averaged over the 36 heads, well above nothing: a bidirectional model looks ahead.
    expect(total / 36).toBeGreaterThan(0.1);
  }, 60_000);
});
