/**
 * The gradient step before any script runs: the build-time example (src/data/examples/gradient-step.json,
 * one forward pass of the default sentence at the default position and learning rate), drawn
 * with the same render() the page runs.
 */
import example from '../../data/examples/gradient-step.json' with { type: 'json' };
import type { BuiltView } from '../kit/build-time';
import type { StateOf } from '../kit/schema';
import type { GradientStepExport } from './element';
import type entry from './entry';
import { render } from './render';
import type { StepBody } from './view';

export const EXAMPLE = example as StepBody;

export function buildView(state: StateOf<typeof entry.state>): BuiltView<GradientStepExport> {
  const data: GradientStepExport = { state, ...EXAMPLE };
  return { data, draw: (host) => void render(host, EXAMPLE, { reducedMotion: true }) };
}
