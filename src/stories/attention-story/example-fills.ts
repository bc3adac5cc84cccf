/**
 * Build time only: the story's words filled from the precomputed example (the shipped model's
 * own numbers for the default sentence, written by `npm run examples`) and the model's measured
 * head labels, so the chapter reads complete before, and without, the live model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import example from '../../data/examples/attention-story.json';
import { isHeadScores, type HeadScores } from '../../model/assets';
import type { StoryData } from './data';
import { fillsOf } from './fills';

function readHeads(): HeadScores | null {
  try {
    const dir = join(process.cwd(), 'public/models');
    const { default: id } = JSON.parse(readFileSync(join(dir, 'models.json'), 'utf8')) as { default: string };
    const h: unknown = JSON.parse(readFileSync(join(dir, id, 'heads.json'), 'utf8'));
    return isHeadScores(h) ? h : null;
  } catch {
    return null;
  }
}

let cached: Record<string, string> | null = null;

export function exampleFills(): Record<string, string> {
  cached ??= fillsOf(example as unknown as StoryData, readHeads());
  return cached;
}

export const exampleText: string = (example as unknown as StoryData).text;
