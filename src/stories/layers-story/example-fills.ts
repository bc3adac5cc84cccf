/**
 * Build time only: the story's words filled from the precomputed example (the shipped model's
 * own numbers for the default sentence, written by `npm run examples`), so the chapter reads
 * complete before, and without, the live model.
 */
import example from '../../data/examples/layers-story.json';
import type { LayersStory } from './data';
import { fillsOf } from './fills';

let cached: Record<string, string> | null = null;

export function exampleFills(): Record<string, string> {
  cached ??= fillsOf(example as unknown as LayersStory);
  return cached;
}

export const exampleText: string = (example as unknown as LayersStory).text;
