/**
 * The pronoun probes' example data (src/data/examples/attention-pronouns.json): for each probe
 * sentence, its tokens and every head's attention from the pronoun, so the section can be drawn
 * before, and without, the live model, for whichever head heads.json names.
 */
import type { ModelApi } from '../../model/api';
import { PROBE_GROUPS, PROBE_TEXTS, wordToken } from './pronouns';

export interface PronounExample {
  model: { id: string; version: string };
  probes: {
    text: string;
    tokens: { id: number; text: string }[];
    /** 0-based pronoun token. */
    query: number;
    /** [layer][head][key], keys 0..query: the attention from the pronoun. */
    attention: number[][][];
  }[];
}

const pronounOf = (text: string) => PROBE_GROUPS.flatMap((g) => g.probes).find((p) => p.text === text)!.pronoun;

export async function pronounExample(model: ModelApi, round: (x: number) => number): Promise<PronounExample> {
  const info = await model.load();
  const probes: PronounExample['probes'] = [];
  for (const text of PROBE_TEXTS) {
    const tr = await model.trace(text, { outputs: ['attentions'] });
    const query = wordToken(tr.tokens, pronounOf(text));
    if (query < 0) throw new Error(`pronoun probes: no “${pronounOf(text)}” in “${text}”`);
    const [L, H] = tr.attentions.shape;
    const attention = Array.from({ length: L }, (_, l) =>
      Array.from({ length: H }, (_, h) => Array.from(tr.attentions.view(l, h, query).data.subarray(0, query + 1), round)),
    );
    probes.push({ text, tokens: tr.tokens.map(({ id, text: t }) => ({ id, text: t })), query, attention });
  }
  return { model: { id: info.id, version: info.version }, probes };
}

/** The pronoun row of one head, 0-based, for a probe text; undefined when the example lacks it. */
export function exampleRow(ex: PronounExample, text: string, layer: number, head: number): { tokens: { text: string }[]; from: () => number[] } | undefined {
  const p = ex.probes.find((e) => e.text === text);
  return p && { tokens: p.tokens, from: () => p.attention[layer]?.[head] ?? [] };
}
