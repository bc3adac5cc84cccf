/**
 * <glassbox-next-token-game>: the live wrapper around render.ts, on the next-token chapter's
 * element (../kit/window/element.ts). The state (and so a course's link) is a built-in sentence
 * and a round; a sentence the reader types replaces the built-in one until they pick another, and
 * is not put in the URL. The running tally lives as long as the page: it compares the reader and
 * the model over the rounds played.
 */
import { addRound, EMPTY_TALLY, type Tally } from '../../math/next-token';
import { typingInput } from '../kit/text-input';
import { windowElement, type WindowContext, type WindowView } from '../kit/window/element';
import type { WindowBody } from '../kit/window/feed';
import entry from './entry';
import { buildRound, sentenceText, type GameRound } from './game';
import type { BetMode, GameOptions } from './render';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 200;

type State = { sentence: number; round: number };

export type NextTokenGameExport = { state: State } & GameBody;

export type GameBody = WindowBody & {
  /** The round on screen: the tokens seen, the five candidates, the model's loss; null with no rounds. */
  round: GameRound | null;
  /** Rounds revealed on this page so far. */
  tally: Tally;
};

function gamePart(ctx: WindowContext<State>): WindowView<State, GameRound | null, GameOptions> {
  const el = ctx.element;
  /** A sentence the reader typed; '' plays the built-in sentence. */
  let own = '';
  let tally: Tally = EMPTY_TALLY;
  let mode: BetMode = 'pick';

  const select = () => el.byRole<HTMLSelectElement>('sentence');
  const round = () => buildRound(ctx.body(), own ? 0 : ctx.state().sentence, ctx.state().round);

  const onType = (value: string) => {
    own = value.trim() ? value : '';
    select().value = own ? '0' : String(ctx.state().sentence);
    // A new text starts at its first round; the state keeps the built-in sentence it replaced.
    ctx.choose({ round: 1 });
    ctx.ask();
  };

  return {
    text: () => own || (sentenceText(ctx.state().sentence) ?? ''),
    load: () => import('./render'),
    data: round,
    options: () => ({
      mode,
      tally,
      width: ctx.width() || undefined,
      reducedMotion: ctx.reducedMotion(),
      onReveal: (score: Parameters<typeof addRound>[1]) => {
        tally = addRound(tally, score);
        ctx.draw();
      },
      onNext: (r: number) => ctx.choose({ round: r }),
      onMode: (m: BetMode) => {
        mode = m;
      },
    }),
    connect() {
      select().value = String(ctx.state().sentence);
      el.listen(select(), 'change', () => {
        if (select().value === '0') return;
        ctx.choose({ sentence: Number(select().value), round: 1 });
      });
      typingInput(el, 'text', DEBOUNCE_MS, onType);
    },
    changed(prev) {
      if (prev.sentence !== ctx.state().sentence) {
        own = '';
        el.byRole<HTMLTextAreaElement>('text').value = '';
        select().value = String(ctx.state().sentence);
        ctx.ask();
      }
      ctx.draw();
    },
    exportBody: (body): GameBody => ({ ...body, round: round(), tally }),
  };
}

export const GlassboxNextTokenGame = windowElement(entry, gamePart);

if (!customElements.get('glassbox-next-token-game')) customElements.define('glassbox-next-token-game', GlassboxNextTokenGame);
