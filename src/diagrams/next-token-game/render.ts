/**
 * The next-token game: the start of a sentence, five candidate tokens, and the reader's bet,
 * either one pick (native radio buttons: arrow keys move, touch taps) or shares of 100 % on
 * native sliders. "Reveal" shows the true token, the model's probability for each candidate
 * and both log-losses; the running tally comes in through `options.tally` (the caller adds each
 * round's score, reported through `onReveal`). Draws only inside `root`.
 */
import { BET_FLOOR, normalizeBet, tallyMeans, type Bet, type RoundScore, type Tally } from '../../math/next-token';
import { percent, showToken } from '../kit/tokens';
import { bitsText, nats } from '../kit/window/view';
import { scoreRound, type GameRound } from './game';
import { clearedRoot, exportSvg } from '../kit/dom';
import { drawFigure } from './figure';

export type BetMode = 'pick' | 'shares';

export interface GameOptions {
  /** How the reader bets; the radio at the top switches it. Default 'pick'. */
  mode?: BetMode;
  /** Rounds scored so far (reader and model), shown after a reveal. */
  tally?: Tally;
  width?: number;
  reducedMotion?: boolean;
  /** The reader revealed this round: the caller adds the score to its tally. */
  onReveal?: (score: RoundScore, bet: Bet) => void;
  /** The reader asked for the next round (1-based). */
  onNext?: (round: number) => void;
  onMode?: (mode: BetMode) => void;
}

export interface GameChart {
  update(data: GameRound | null, options?: GameOptions): void;
  destroy(): void;
}

const SHARE_STEP = 5; // percentage points per slider step
let instances = 0; // radio groups need a document-unique name

export function render(root: HTMLElement, data: GameRound | null, options: GameOptions = {}): GameChart {
  let opts = { ...options };
  let d = data;
  const uid = `gb-ntg-${++instances}`;
  let pick: number | null = null;
  let shares: number[] = [];
  let revealed: { score: RoundScore; bet: Bet } | null = null;
  const base = clearedRoot(root);

  const summary = base.append('p').attr('class', 'gb-ntg-summary');
  const prompt = base.append('p').attr('class', 'gb-ntg-prompt');
  const modeBox = base.append('fieldset').attr('class', 'gb-ntg-mode');
  modeBox.append('legend').text('How to bet');
  for (const [m, label] of [
    ['pick', 'Pick one token'],
    ['shares', 'Spread 100% across them'],
  ] as const) {
    const l = modeBox.append('label');
    l.append('input').attr('type', 'radio').attr('name', `${uid}-mode`).attr('value', m);
    l.append('span').text(` ${label}`);
  }
  const betBox = base.append('fieldset').attr('class', 'gb-ntg-bet');
  betBox.append('legend').text('Your bet on the next token');
  const list = betBox.append('ul').attr('class', 'gb-ntg-candidates');
  const figure = exportSvg(base, 'gb-ntg-figure').attr('aria-hidden', 'true');
  const reveal = base.append('button').attr('type', 'button').attr('class', 'gb-ntg-reveal').text('Reveal');
  const result = base.append('div').attr('class', 'gb-ntg-result').attr('aria-live', 'polite');
  const resultText = result.append('p').attr('class', 'gb-ntg-outcome');
  const table = result.append('table').attr('class', 'gb-ntg-table');
  table.append('caption').text('Your bet and the model’s probability for each candidate');
  const head = table.append('thead').append('tr');
  for (const h of ['Candidate', 'Your share', 'Model’s p']) head.append('th').attr('scope', 'col').text(h);
  const tbody = table.append('tbody');
  const tallyText = result.append('p').attr('class', 'gb-ntg-tally');
  const next = result.append('button').attr('type', 'button').attr('class', 'gb-ntg-next');

  const mode = (): BetMode => opts.mode ?? 'pick';
  const currentBet = (): Bet | null => {
    if (!d) return null;
    const ids = d.candidates.map((c) => c.id);
    if (mode() === 'pick') return pick === null ? null : { ids: [pick], shares: [1] };
    return shares.some((s) => s > 0) ? normalizeBet({ ids, shares }) : null;
  };

  modeBox.on('change', (ev: Event) => {
    const m = (ev.target as HTMLInputElement).value as BetMode;
    opts = { ...opts, mode: m };
    opts.onMode?.(m);
    draw();
  });
  list.on('change input', (ev: Event) => {
    const el = ev.target as HTMLInputElement;
    const i = Number(el.dataset.i);
    if (el.type === 'radio') pick = d ? d.candidates[i].id : null;
    else shares[i] = Number(el.value);
    drawBet();
  });
  reveal.on('click', () => {
    const bet = currentBet();
    if (!d || !bet || revealed) return;
    revealed = { score: scoreRound(d, bet), bet };
    opts.onReveal?.(revealed.score, bet);
    draw();
  });
  next.on('click', () => {
    if (d && d.round < d.rounds) opts.onNext?.(d.round + 1);
  });

  function reset() {
    pick = null;
    shares = d ? d.candidates.map(() => 0) : [];
    revealed = null;
  }

  function drawBet() {
    const bet = currentBet();
    const share = (id: number) => (bet ? bet.shares[bet.ids.indexOf(id)] ?? 0 : 0);
    list.selectAll<HTMLElement, GameRound['candidates'][number]>('li').select('output').text((c) => (mode() === 'shares' ? percent(share(c.id)) : ''));
    reveal.property('disabled', !bet || !!revealed);
    if (d) {
      const rows = d.candidates.map((c) => ({ c, share: share(c.id) }));
      drawFigure(figure, rows, revealed ? { trueId: d.target.id } : null, opts.width ?? 480);
    }
  }

  function draw() {
    modeBox.selectAll<HTMLInputElement, unknown>('input').property('checked', function () {
      return this.value === mode();
    });
    if (!d) {
      summary.text('This text has fewer than two tokens, so there is nothing to guess: add a word or pick a sentence.');
      for (const s of [prompt, modeBox, betBox, figure, reveal, result]) s.attr('hidden', '');
      return;
    }
    for (const s of [prompt, modeBox, betBox, figure, reveal]) s.attr('hidden', null);
    const g = d;
    summary.text(
      `${g.sentence ? `Sentence ${g.sentence}` : 'Your text'}, round ${g.round} of ${g.rounds}: ` +
        (revealed ? `the next token was “${showToken(g.target.text)}”.` : 'which token comes next?'),
    );
    prompt
      .selectAll('span')
      .data([...g.seen, null])
      .join('span')
      .attr('data-token', (t, i) => (t ? i + 1 : null))
      .attr('class', (t) => (t ? 'gb-ntg-seen' : 'gb-ntg-blank'))
      .text((t) => (t ? t.text : revealed ? g.target.text : ' ▁▁▁'));

    const isPick = mode() === 'pick';
    const items = list
      .selectAll<HTMLLIElement, GameRound['candidates'][number]>('li')
      .data(g.candidates, (c) => `${g.sentence}:${g.round}:${c.id}:${mode()}`)
      .join((enter) => {
        const li = enter.append('li');
        const label = li.append('label');
        label.append('input');
        label.append('span').attr('class', 'gb-ntg-token');
        li.append('output');
        return li;
      })
      .attr('data-token-id', (c) => c.id)
      .classed('is-target', (c) => !!revealed && c.id === g.target.id);
    items.select('label').attr('for', (_, i) => `${uid}-c${i}`);
    items
      .select<HTMLInputElement>('input')
      .attr('id', (_, i) => `${uid}-c${i}`)
      .attr('data-i', (_, i) => i)
      .attr('type', isPick ? 'radio' : 'range')
      .attr('name', isPick ? `${uid}-pick` : null)
      .attr('min', isPick ? null : 0)
      .attr('max', isPick ? null : 100)
      .attr('step', isPick ? null : SHARE_STEP)
      .property('checked', (c) => isPick && c.id === pick)
      .property('value', (c, i) => (isPick ? String(c.id) : String(shares[i] ?? 0)))
      .property('disabled', !!revealed);
    items.select('.gb-ntg-token').text((c) => ` ${showToken(c.text)}`);
    drawBet();

    result.attr('hidden', revealed ? null : '');
    if (!revealed) return;
    const { score, bet } = revealed;
    const share = (id: number) => bet.shares[bet.ids.indexOf(id)] ?? 0;
    resultText.text(
      `The next token was “${showToken(g.target.text)}”. You put ${percent(share(g.target.id))} on it: ` +
        `a loss of ${nats(score.reader)} (${bitsText(score.reader)})` +
        (share(g.target.id) < BET_FLOOR ? ', the most a miss can cost here' : '') +
        `. The model gave it ${percent(g.p_true)}: ${nats(score.model)} (${bitsText(score.model)}). ` +
        (score.reader < score.model ? 'You beat the model this round.' : score.reader > score.model ? 'The model won this round.' : 'A tie.'),
    );
    const rows = tbody
      .selectAll<HTMLTableRowElement, GameRound['candidates'][number]>('tr')
      .data([...g.candidates].sort((a, b) => b.p - a.p))
      .join((enter) => {
        const r = enter.append('tr');
        r.append('td');
        r.append('td');
        r.append('td');
        return r;
      })
      .classed('is-target', (c) => c.id === g.target.id);
    rows.select('td:nth-child(1)').text((c) => `${showToken(c.text)}${c.id === g.target.id ? ' (true)' : ''}`);
    rows.select('td:nth-child(2)').text((c) => percent(share(c.id)));
    rows.select('td:nth-child(3)').text((c) => percent(c.p));
    const t = opts.tally;
    const m = t ? tallyMeans(t) : null;
    tallyText.text(
      t && m
        ? `After ${t.rounds} round${t.rounds === 1 ? '' : 's'}: you ${nats(m.reader)} per round, the model ${nats(m.model)}; ` +
            `you won ${t.readerWins} of ${t.rounds}. Lower is better.`
        : '',
    );
    next.attr('hidden', g.round < g.rounds ? null : '').text(`Next round (${g.round + 1} of ${g.rounds})`);
  }

  reset();
  draw();

  return {
    update(nextData, nextOptions) {
      if (nextOptions) opts = { ...opts, ...nextOptions };
      const changed = !nextData || !d || roundKey(nextData) !== roundKey(d);
      d = nextData;
      if (changed) reset();
      draw();
    },
    destroy() {
      for (const s of [modeBox, list, reveal, next]) s.on('change input click', null);
      base.selectChildren().remove();
    },
  };
}

/** Same key, same round: a new tally or width keeps the reader's bet and the reveal. */
function roundKey(r: GameRound): string {
  return `${r.sentence}|${r.round}|${r.seen.map((t) => t.id).join(',')}|${r.target.id}`;
}
