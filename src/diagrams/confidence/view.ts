/**
 * The confidence view's words and export type: the summary, one prompt's sentence, and the
 * layout of the dots (two rows, right and wrong; dots that would overlap move to lanes).
 */
import { percent, showToken } from '../kit/tokens';
import { summarize, type ConfidenceSummary, type PromptResult } from './data';

export interface ConfidenceBody {
  /** "example" until the live model has answered. */
  source: 'example' | 'model';
  model: { id: string; version: string };
  prompts: PromptResult[];
  summary: ConfidenceSummary;
}

export function bodyOf(source: ConfidenceBody['source'], model: ConfidenceBody['model'], prompts: PromptResult[]): ConfidenceBody {
  return { source, model, prompts, summary: summarize(prompts) };
}

export function summaryText(b: ConfidenceBody): string {
  const s = b.summary;
  const n = s.right + s.wrong;
  if (n === 0) return 'No prompts to show.';
  const mean = (x: number | null) => (x === null ? '–' : percent(x));
  return (
    `The model's top guess is the answer for ${s.right} of ${n} prompts. ` +
    `When right it was on average ${mean(s.mean_confidence_right)} sure of its guess; when wrong, ${mean(s.mean_confidence_wrong)}.`
  );
}

export function promptText(p: PromptResult, i: number): string {
  const verdict = p.right ? 'right' : 'wrong';
  return (
    `Prompt ${i + 1}, “${p.prompt}”: top guess “${showToken(p.top[0].text)}” at ${percent(p.confidence)}, ${verdict}. ` +
    `The answer “${showToken(p.answer_token.text)}” got ${percent(p.answer_p)}, rank ${p.answer_rank.toLocaleString('en-US')}.`
  );
}

/** Each dot's lane within its row: 0, then 1, −1, 2, … where it would sit within `gap` px of one before. */
export function lanes(xs: readonly number[], gap: number): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const placed: { x: number; lane: number }[] = [];
  const out = new Array<number>(xs.length).fill(0);
  for (const { x, i } of order) {
    for (let k = 0; ; k++) {
      const lane = k === 0 ? 0 : k % 2 ? (k + 1) / 2 : -k / 2;
      if (!placed.some((p) => p.lane === lane && Math.abs(p.x - x) < gap)) {
        placed.push({ x, lane });
        out[i] = lane;
        break;
      }
    }
  }
  return out;
}
