/**
 * The overview before any script runs: the build-time example's pass (for the state's text when
 * there is one), drawn with the same render() the page runs, at a desktop width (the SVG scales
 * down until the page lays it out again). The wrapper and the jsdom gallery both call this.
 */
import example from '../../data/examples/model-overview.json';
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import { exampleHead } from '../kit/sources/trace';
import entry from './entry';
import { lensList, stagesExport } from './data';
import { exampleFor, type OverviewExample } from './example';
import { render } from './render';
import { stageLink } from './stages';
import { linkContext } from './view';

/** px: the chart's width on a desktop page before the element measures it. */
const BUILD_WIDTH = 1100;

export function buildView(state: StateOf<typeof entry.state>, base = '/'): BuiltView {
  const ex = example as OverviewExample;
  const v = exampleFor(ex, state.text);
  const stages = entry.state.stage.values;
  const data = {
    state,
    ...exampleHead({ ...v, model: ex.model }),
    stages: stagesExport(v, stages, (s) => stageLink(s, linkContext(v))),
    lens: lensList(v),
    final: v.final,
  };
  const options = { stage: state.stage, size: state.size, stages, base, width: BUILD_WIDTH, reducedMotion: true };
  return { data, draw: (host) => void render(host, v, options) };
}
