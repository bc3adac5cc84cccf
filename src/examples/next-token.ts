/**
 * The next-token chapter's example data: one forward pass per text, scored position by position
 * (kit/window/data.ts), for every text its diagrams show by default or in a gallery fixture and
 * every text its prose quotes numbers from; and one pass per built-in game sentence.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelApi } from '../model/api';
import { MODELS_DIR } from '../model/node';
import { vocabTexts } from '../model/weights';
import { EXAMPLE_TEXTS } from '../model/examples';
import { buildWindow, type WindowData } from '../diagrams/kit/window/data';
import windowEntry from '../diagrams/next-token-window/entry';
import surpriseEntry from '../diagrams/surprise-text/entry';
import { GAME_SENTENCES } from '../diagrams/next-token-game/game';

/** Six significant figures: a p of 3e-9 stays 3e-9 (rounding to decimals would make it 0). */
const sig6 = (x: number | null) => (x === null ? null : Number(x.toPrecision(6)));

/** Every text the window and surprise views are drawn for at build time. */
export function windowTexts(): string[] {
  const texts: string[] = [EXAMPLE_TEXTS.window, EXAMPLE_TEXTS.surprise];
  for (const e of [windowEntry, surpriseEntry]) {
    for (const f of Object.values(e.fixtures)) if (typeof f.text === 'string') texts.push(f.text);
  }
  return [...new Set(texts)];
}

export type ExampleWindow = Omit<WindowData, 'model'>;

async function windowOf(model: ModelApi, text: string, decode: (id: number) => string): Promise<ExampleWindow> {
  const w = buildWindow(await model.trace(text, { outputs: ['logits'] }), decode);
  return {
    text: w.text,
    truncated: w.truncated,
    tokens: w.tokens,
    positions: w.positions.map((p) => ({
      ...p,
      p: sig6(p.p) as number,
      loss: sig6(p.loss) as number,
      top: p.top.map((g) => ({ ...g, p: sig6(g.p) as number })),
    })),
    mean_loss: sig6(w.mean_loss),
    perplexity: sig6(w.perplexity),
  };
}

export async function windowExamples(model: ModelApi): Promise<Record<string, unknown>> {
  const info = await model.load();
  const m = { id: info.id, version: info.version };
  // Top guesses can be any token, not only the text's: their texts come from tokenizer.json,
  // decoded as the site's vocabulary() decodes them.
  const vocab = vocabTexts(JSON.parse(readFileSync(join(MODELS_DIR, info.id, 'tokenizer.json'), 'utf8')), info.vocabSize);
  const decode = (id: number) => vocab[id];
  const windows: ExampleWindow[] = [];
  for (const t of windowTexts()) windows.push(await windowOf(model, t, decode));
  const game: ExampleWindow[] = [];
  for (const s of GAME_SENTENCES) game.push(await windowOf(model, s.text, decode));
  return {
    'next-token-window': { model: m, windows },
    'next-token-game': { model: m, windows: game },
  };
}
