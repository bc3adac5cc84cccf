/**
 * The heads grid before any script runs: the example's attention from the state's token in
 * every head, labelled with the heads.json of the model the example was computed with (read from
 * the folder the site serves), drawn with the same render() the page runs. The wrapper and the
 * jsdom gallery both call this; Node only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import example from '../../data/examples/attention.json';
import { headScoresFrom } from '../../model/assets';
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exampleHead } from '../kit/sources/trace';
import entry from './entry';
import { render } from './render';
import { clampToken, denseOf, headRows, viewOf, type AttentionHeadsExport } from './view';

export function buildView(state: StateOf<typeof entry.state>): BuiltView<AttentionHeadsExport> {
  const headsFile = join(process.cwd(), 'public/models', example.model.id, 'heads.json');
  const scores = headScoresFrom(JSON.parse(readFileSync(headsFile, 'utf8')), headsFile);
  // The example is for its own text; a different state text is shown once the model answers.
  const { token } = clampToken(example.text === state.text ? state.token : entry.state.token.default, example.tokens.length);
  const data: AttentionHeadsExport = {
    state,
    ...exampleHead(example),
    token,
    heads: headRows(denseOf(example.attentions), token, scores),
  };
  return { data, draw: (host) => void render(host, viewOf(data), { reducedMotion: true }) };
}
