/**
 * The sampler before any script runs: the chain run on the build-time example's logits (the
 * model's full next-token logits for the example prompt, src/data/examples/decoding.json), for the
 * state's settings, drawn with the same render() the page runs.
 */
import example from '../../data/examples/decoding.json' with { type: 'json' };
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { resolveOrder } from '../kit/decoding/fields';
import { samplerBody } from './data';
import type { SamplerExport } from './element';
import type entry from './entry';
import { render } from './render';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<SamplerExport> {
  const s = resolveOrder(state).state;
  const ex = example.sampler;
  const body = samplerBody({ model: example.model, text: ex.text, truncated: ex.truncated, tokens: ex.tokens, logits: ex.logits }, s, (id) => example.vocab[String(id) as keyof typeof example.vocab] ?? '', 'example');
  const data: SamplerExport = { state, ...body };
  return { data, draw: (host) => void render(host, body, { reducedMotion: true }) };
}
