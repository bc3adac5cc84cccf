/**
 * Build time only: the story's words filled from the precomputed example (the shipped model's
 * own numbers for the default sentence, written by `npm run examples`) and the model's measured
 * head scores, so the chapter reads complete before, and without, the live model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import example from '../../data/examples/attention-story.json';
import attention from '../../data/examples/attention.json';
import { coreferenceHead, headScoresFrom, type HeadScores } from '../../model/assets';
import type { StoryData } from './data';
import { fillsOf } from './fills';
import { baselines, pronounFills, type Baselines } from './pronouns';

/** The default model's heads.json, checked, with its derived labels; null when it cannot be read. */
export function exampleHeads(): HeadScores | null {
  try {
    const dir = join(process.cwd(), 'public/models');
    const { default: id } = JSON.parse(readFileSync(join(dir, 'models.json'), 'utf8')) as { default: string };
    return headScoresFrom(JSON.parse(readFileSync(join(dir, id, 'heads.json'), 'utf8')), 'heads.json');
  } catch {
    return null;
  }
}

/** The simple rules' scores on the held-out pronoun sentences the coreference score uses; null without the file. */
export function exampleBaselines(): Baselines | null {
  try {
    return baselines(readFileSync(join(process.cwd(), 'training/eval/pronouns.tsv'), 'utf8'));
  } catch {
    return null;
  }
}

let cached: Record<string, string> | null = null;

export function exampleFills(): Record<string, string> {
  if (cached) return cached;
  const story = example as unknown as StoryData;
  const heads = exampleHeads();
  const coref = heads && coreferenceHead(heads);
  const onSentence = coref && { tokens: story.tokens, query: story.query, key: story.key, weights: attention.attentions[coref.layer][coref.head][story.query] };
  cached = { ...fillsOf(story, heads), ...pronounFills(coref, exampleBaselines(), onSentence) };
  return cached;
}

export const exampleText: string = (example as unknown as StoryData).text;
