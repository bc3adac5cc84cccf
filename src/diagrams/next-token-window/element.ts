/**
 * <glassbox-next-token-window>: the live wrapper around render.ts, on the next-token chapter's
 * element (../kit/window/element.ts: the host, the live model, one forward pass per text). It
 * shows the build-time example until the model answers, then every position of the reader's text.
 * A hover only restyles rows, timed under `glassbox:update:next-token-window`; the URL follows a
 * moment later.
 */
import type { WindowData } from '../kit/window/data';
import { textBox, windowElement, type WindowContext, type WindowView } from '../kit/window/element';
import type { WindowBody } from '../kit/window/feed';
import { followText } from '../kit/window/links';
import entry from './entry';
import type { WindowOptions } from './render';

/** ms after the last keystroke before the model is asked. */
const DEBOUNCE_MS = 60;
/** ms after the last hover before the state is written to the URL, the link and the export. */
const HOVER_COMMIT_MS = 250;

type State = { text: string; position: number };

export type NextTokenWindowExport = { state: State } & WindowBody;

function windowPart(ctx: WindowContext<State>): WindowView<State, WindowData, WindowOptions> {
  const box = textBox(ctx, DEBOUNCE_MS, (value) => {
    followText(ctx.element, value);
    ctx.ask();
  });
  return {
    text: () => ctx.state().text,
    load: () => import('./render'),
    data: () => ctx.body(),
    options: () => ({
      position: ctx.state().position,
      width: ctx.width() || undefined,
      reducedMotion: ctx.reducedMotion(),
      onSelect: (position: number) => ctx.choose({ position }, HOVER_COMMIT_MS),
    }),
    connect: box.connect,
    changed(prev) {
      if (prev.text !== ctx.state().text) {
        box.show();
        ctx.refresh();
      }
      ctx.draw(false);
    },
  };
}

export const GlassboxNextTokenWindow = windowElement(entry, windowPart);

if (!customElements.get('glassbox-next-token-window')) customElements.define('glassbox-next-token-window', GlassboxNextTokenWindow);
