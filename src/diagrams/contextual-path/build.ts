/**
 * The contextual path before any script runs: the precomputed example (src/data/examples/
 * contextual-path.json, made by the shipped model) on the PCA axes of the shipped wte, computed
 * at build time. Those axes travel with the page (the wrapper's data-role="view") so the live
 * element places the model's fresh hidden states in exactly the same space. The wrapper and the
 * jsdom gallery both call this.
 */
import example from '../../data/examples/contextual-path.json';
import type { BuiltView } from '../kit/build-time';
import { builtCloud } from '../kit/orbit/built';
import type { StateOf } from '../kit/schema';
import { exportPath, type PathView } from './data';
import type entry from './entry';
import { render } from './render';

/** px: the build draws at the article column's width; the page redraws at the real one. */
const BUILD_WIDTH = 720;

export type PathExport = ReturnType<typeof exportPath>;

/** The example's two runs on the cloud's axes. */
export function exampleView(): PathView {
  return { model: example.model, word: example.word, a: example.a, b: example.b, basis: builtCloud().basis };
}

/** Whether `state` asks for the example's own texts and word (else the example is for others). */
export function isExample(state: { a: string; b: string; word: string }): boolean {
  return state.a === example.a.text && state.b === example.b.text && state.word === example.word;
}

export function exampleTexts(): [string, string] {
  return [example.a.text, example.b.text];
}

export function buildView(state: StateOf<typeof entry.state>): BuiltView<PathExport> {
  const view = exampleView();
  return {
    data: exportPath(state, 'example', view),
    draw: (host) => void render(host, view, { layer: state.layer, width: BUILD_WIDTH }),
  };
}
