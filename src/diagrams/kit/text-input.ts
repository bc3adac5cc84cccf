/**
 * The reader's text box (a `<textarea>` or `<input>` by `data-role`): it shows the state's text,
 * and hands what is typed to the host once typing has rested, so a fast typist costs one request.
 */
import type { DiagramElement } from './element';

type TextBox = HTMLTextAreaElement | HTMLInputElement;

/** Put `text` in the box unless it is there already (rewriting it would move the caret). */
export function showText(box: TextBox, text: string): void {
  if (box.value !== text) box.value = text;
}

/** Wire the `role` box: `onType(value)` runs `ms` ms after the last keystroke. */
export function typingInput<T extends TextBox = HTMLTextAreaElement>(host: DiagramElement, role: string, ms: number, onType: (value: string) => void): T {
  const box = host.byRole<T>(role);
  host.listen(box, 'input', () => host.life.later('typing', ms, () => onType(box.value)));
  return box;
}
