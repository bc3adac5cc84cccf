/** The shape of src/data/examples/model-overview.json (written by src/examples/overview.ts). */
import type { OverviewView } from './data';

export interface OverviewExample {
  model: { id: string; version: string };
  /** One pass per text the diagram opens on: the home page's prompt, the layers chapter's sentence. */
  views: (OverviewView & { truncated: boolean })[];
}

/** The example for `text`, or the first one (labelled as for another text). */
export function exampleFor(ex: OverviewExample, text: string): OverviewView & { truncated: boolean } {
  return ex.views.find((v) => v.text === text) ?? ex.views[0];
}
