/**
 * The chapter's shared sentence: on a page whose views mirror the URL (`data-url-state="on"`),
 * typing in one view retypes the others, through one document event. A part a host composes:
 * `shareText` listens for the others' text while the host is connected and returns the function
 * that tells them the reader's.
 */
import type { DiagramElement } from './element';

export const LIVE_TEXT_EVENT = 'glassbox:live-text';

type Detail = { text: string; from: Element };

/** Hand the other views' text to `adopt` (never this host's own); returns `announce(text)`. */
export function shareText(host: DiagramElement, current: () => string, adopt: (text: string) => void): (text: string) => void {
  if (!host.urlState) return () => {};
  host.listen(document, LIVE_TEXT_EVENT, (ev) => {
    const { text, from } = (ev as CustomEvent<Detail>).detail;
    if (from !== host && text !== current()) adopt(text);
  });
  return (text) => document.dispatchEvent(new CustomEvent<Detail>(LIVE_TEXT_EVENT, { detail: { text, from: host } }));
}
