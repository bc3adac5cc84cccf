/**
 * The confidence view before any script runs: the build-time example of the default prompts,
 * drawn with the same render() the page runs. A reader's added prompts need the live model, so
 * the build shows the default prompts only. The wrapper and the jsdom gallery both call this.
 */
import examples from '../../data/examples/confidence.json' with { type: 'json' };
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import type { PromptResult } from './data';
import type entry from './entry';
import { render } from './render';
import { bodyOf, type ConfidenceBody } from './view';

export type ConfidenceExport = { state: StateOf<typeof entry.state> } & ConfidenceBody;

export function exampleBody(): ConfidenceBody {
  return bodyOf('example', { ...examples.model }, examples.prompts as PromptResult[]);
}

export function buildView(state: StateOf<typeof entry.state>): BuiltView<ConfidenceExport> {
  const data: ConfidenceExport = { state, ...exampleBody() };
  return { data, draw: (host) => void render(host, data, { reducedMotion: true }) };
}
