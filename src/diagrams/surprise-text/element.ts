/**
 * <glassbox-surprise-text>: the live wrapper around render.ts, on the next-token chapter's
 * element (../kit/window/element.ts). It shows the build-time example until the model answers,
 * then the reader's text tinted by loss. The token whose row is shown is not part of the state
 * (a link names the text); hovering it only restyles.
 */
import type { WindowData } from '../kit/window/data';
import { textBox, windowElement, type WindowContext, type WindowView } from '../kit/window/element';
import type { WindowBody } from '../kit/window/feed';
import { followText } from '../kit/window/links';
import entry from './entry';
import type { SurpriseOptions } from './render';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 120;

type State = { text: string };

export type SurpriseTextExport = { state: State } & WindowBody;

function surprisePart(ctx: WindowContext<State>): WindowView<State, WindowData, SurpriseOptions> {
  /** The token whose details show; undefined: the costliest. */
  let position: number | undefined;
  /** A new text: its costliest token shows, once the model has read it. */
  const reread = () => {
    position = undefined;
    ctx.ask();
  };
  const box = textBox(ctx, DEBOUNCE_MS, () => {
    followText(ctx.element, ctx.state().text);
    reread();
  });
  return {
    text: () => ctx.state().text,
    load: () => import('./render'),
    data: () => ctx.body(),
    options: () => ({
      position,
      width: ctx.width() || undefined,
      reducedMotion: ctx.reducedMotion(),
      onSelect: (p: number) => {
        position = p;
        ctx.draw(false);
      },
    }),
    connect: box.connect,
    changed(prev) {
      if (prev.text === ctx.state().text) return;
      box.show();
      reread();
    },
  };
}

export const GlassboxSurpriseText = windowElement(entry, surprisePart);

if (!customElements.get('glassbox-surprise-text')) customElements.define('glassbox-surprise-text', GlassboxSurpriseText);
