/**
 * The tokenization chapter's walk-through numbers for its example sentence, computed at build
 * time from the shipped tokenizer (pure merge replay, held to transformers.js by the tests) and
 * from cl100k through js-tiktoken. Node only: it reads the shipped files.
 */
import { buildReplay, type Replay } from '../../diagrams/kit/tokenizers/replay';
import { buildTimeTokens, shippedTokenizer } from '../../diagrams/kit/tokenizers/example';
import type { Tokenized } from '../../diagrams/kit/tokenizers/tokenizers';

/** The article's first example. */
export const STORY_TEXT = 'ChatGPT is amazing';

export interface StoryData {
  text: string;
  bytes: number[];
  replay: Replay;
  glassbox: Tokenized;
  cl100k: Tokenized;
}

export async function storyData(text = STORY_TEXT): Promise<StoryData> {
  const s = shippedTokenizer();
  return {
    text,
    bytes: [...new TextEncoder().encode(text)],
    replay: buildReplay(text, s.ranks),
    glassbox: await buildTimeTokens('glassbox', text),
    cl100k: await buildTimeTokens('cl100k', text),
  };
}
