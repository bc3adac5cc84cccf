/**
 * The layer stack before any script runs: the build-time example in the 2D view (flat.ts; the
 * 3D view needs WebGL), drawn with the same render() the page runs without WebGL. The wrapper and
 * the jsdom gallery both call this.
 */
import example from '../../data/examples/layer-stack.json';
import { siteBase } from '../../model/assets';
import type { BuiltView } from '../kit/build-time';
import { attentionState } from '../kit/fields';
import type { StateOf } from '../kit/schema';
import { exampleHead } from '../kit/sources/trace';
import { serializeState } from '../kit/state';
import type entry from './entry';
import type { StackExample } from './example';
import { render } from './flat';
import { clampIndex } from './view';

export function buildView(state: StateOf<typeof entry.state>): BuiltView {
  const ex = example as StackExample;
  const view = { text: ex.text, tokens: ex.tokens, contributions: ex.contributions };
  const t = clampIndex(state.token - 1, ex.tokens.length, 0);
  const href = (l: number) => {
    const q = serializeState({ text: ex.text, layer: l + 1, head: 1, token: t + 1 }, attentionState);
    return `${siteBase()}attention/${q ? `?${q}` : ''}`;
  };
  const data = { state, ...exampleHead(ex), contributions: ex.tokens.length ? ex.contributions[t] : [] };
  return { data, draw: (host) => void render(host, view, { token: t, layer: state.layer - 1, reducedMotion: true, href }) };
}
