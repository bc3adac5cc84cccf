/**
 * The layers story's words that depend on numbers: each `<Fill k="…"/>` in the chapter is a
 * `[data-fill]` span whose text comes from here, computed from LayersStory. Nothing the model
 * says is typed into the chapter.
 */
import { percent, showToken } from '../../diagrams/kit/tokens';
import type { LayersStory } from './data';

/** A number with a real minus sign, as prose prints it. */
export function num(x: number, digits = 2): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace('-', '−');
}

const list = (v: readonly number[]) => `${v.map((x) => num(x)).join(', ')}, …`;
const quoted = (text: string) => `“${showToken(text)}”`;
const tiny = (x: number) => (x < 1e-6 ? 'less than 0.000001' : x.toPrecision(2));

export function fillsOf(s: LayersStory): Record<string, string> {
  const tok = s.tokens[s.token];
  const big = s.streams.length - 1;
  return {
    token: quoted(tok.text),
    'token-pos': String(s.token + 1),
    'token-id': String(tok.id),
    d: String(s.d),
    layers: String(s.layers),
    'wte-first': list(s.wteFirst),
    'wpe-first': list(s.wpeFirst),
    'h0-first': list(s.h0First),
    'embed-diff': tiny(s.embedDiff),
    mean: num(s.mean, 3),
    std: num(s.std, 3),
    'stream-0': num(s.stream0),
    'stream-1': num(s.stream1),
    'attn-1': num(s.attn1),
    'mlp-1': num(s.mlp1),
    'attn-ratio': percent(s.stream0 > 0 ? s.attn1 / s.stream0 : 0),
    'add-diff': tiny(s.addDiff),
    width: String(s.width),
    positive: String(s.positive),
    'positive-share': percent(s.positive / s.width),
    'min-act': num(s.minAct),
    'max-act': num(s.maxAct),
    'max-neuron': String(s.maxNeuron),
    'stream-last': num(s.streams[big]),
    'stream-growth': num(s.streams[0] > 0 ? s.streams[big] / s.streams[0] : 0, 1),
    streams: s.streams.map((x) => num(x, 1)).join(' → '),
    'gain-min': num(s.gainMin),
    'gain-max': num(s.gainMax),
    eps: String(s.eps),
    vocab: s.vocab.toLocaleString('en-US'),
    'top-1': s.top[0] ? `${quoted(s.top[0].text)} at ${percent(s.top[0].p)}` : '–',
    'top-5': s.top.map((e) => `${quoted(e.text)} ${percent(e.p)}`).join(', '),
    total: num(s.total, 6),
    half: s.half.toLocaleString('en-US'),
  };
}
