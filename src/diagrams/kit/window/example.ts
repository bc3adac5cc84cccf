/**
 * The build-time example of the next-token views: one forward pass per text the chapter and the
 * gallery show (src/data/examples/next-token-window.json, written by `npm run examples`). A
 * state whose text has a pass gets its own numbers; any other text gets the default text's,
 * labelled as the example for that text.
 */
import examples from '../../../data/examples/next-token-window.json' with { type: 'json' };
import type { WindowData } from './data';
import type { WindowBody } from './feed';

type Stored = Omit<WindowData, 'model'>;

/** The example for `text`, or for `fallback` (a text the examples hold) when there is none. */
export function exampleBody(text: string, fallback: string, windows: readonly Stored[] = examples.windows as Stored[]): WindowBody {
  const w = windows.find((x) => x.text === text) ?? windows.find((x) => x.text === fallback);
  if (!w) throw new Error(`no next-token example for “${fallback}”: run npm run examples`);
  return { source: 'example', model: { id: examples.model.id, version: examples.model.version }, ...w };
}
