/** The checkpoint's next-token bars, its greedy continuation and a table; see ../kit/calc/bars.ts. */
import { renderBars, type BarsView } from '../kit/calc/bars';
import { percent, showToken } from '../kit/tokens';
import type { Belief } from './view';

const stepName = (b: Belief) => (b.step === 0 ? 'random initialisation (step 0)' : `step ${b.step.toLocaleString('en-US')} (${(b.tokens_seen / 1e6).toFixed(1)} M tokens seen)`);

export function beliefView(b: Belief): BarsView {
  const first = b.top[0];
  const uniform = Math.log(b.vocab);
  const spread = b.entropy === null ? '' : ` Its guesses have an entropy of ${b.entropy.toFixed(2)} nats; a uniform guess over all ${b.vocab.toLocaleString('en-US')} tokens has ${uniform.toFixed(2)}.`;
  return {
    summary: first ? `At ${stepName(b)}, the most likely next token is “${showToken(first.text)}” at ${percent(first.p)}.${spread}` : 'No guesses.',
    scale: 'linear',
    axisLabel: 'probability of the next token',
    tick: (v) => percent(v),
    bars: b.top.map((t, i) => ({ key: String(t.id), label: showToken(t.text), value: t.p, text: percent(t.p), highlight: i === 0 })),
    note: `Greedy continuation: “${b.text}${b.sample}”`,
    caption: `Most likely next tokens at ${stepName(b)}`,
    columns: ['Rank', 'Token', 'Token id', 'Probability'],
    rows: b.top.map((t, i) => [String(i + 1), showToken(t.text), String(t.id), percent(t.p)]),
  };
}

export const render = renderBars<Belief>(beliefView, 'gb-ck');
