/**
 * Node only: the attention-masks diagram's example, the same sentence through the three models
 * (glassbox-encoder once models.json lists it, the GPT, glassbox-seq2seq), computed through the
 * same adapters as the site. Never hand-written.
 */
import type { ModelApi } from '../model/api';
import { EXAMPLE_TEXTS } from '../model/examples';
import { loadCompanion, readCatalogue } from '../model/node';
import type { TensorF32 } from '../model/tensor';
import { round6 } from './round';

const heads = (t: TensorF32) => (t.toArray() as number[][][][]).map((l) => l.map((h) => h.map((r) => r.map(round6))));
const toks = (t: { id: number; text: string }[]) => t.map(({ id, text }) => ({ id, text }));

export async function masksExamples(model: ModelApi): Promise<Record<string, unknown>> {
  const info = await model.load();
  const text = EXAMPLE_TEXTS.masks;
  const cat = readCatalogue();
  const ref = (role: 'encoder' | 'seq2seq') => {
    const c = cat.companions?.find((e) => e.role === role);
    return c ? { id: c.id, version: c.version } : null;
  };
  const tr = await model.trace(text);
  const s2s = await loadCompanion('seq2seq');
  const t = await s2s.translate(text);
  const encRef = ref('encoder');
  const enc = encRef ? await (await loadCompanion('encoder')).attend(text) : null;
  return {
    'attention-masks': {
      model: { id: info.id, version: info.version },
      text,
      decoder: { model: { id: info.id, version: info.version }, tokens: toks(tr.tokens), attentions: heads(tr.attentions) },
      encdec: { model: ref('seq2seq'), source: toks(t.source), output: toks(t.output), self: heads(t.decoderAttentions), cross: heads(t.crossAttentions) },
      encoder: enc && encRef ? { model: encRef, tokens: toks(enc.tokens), attentions: heads(enc.attentions) } : null,
    },
  };
}
