/**
 * The notes list under a diagram: what was clamped, cut or dropped from a link, a stale model,
 * text past the model's context. Set with textContent only, so nothing in a note is markup.
 */
export function showNotes(list: HTMLElement, notes: readonly string[]): void {
  const doc = list.ownerDocument;
  list.replaceChildren(
    ...notes.map((n) => {
      const li = doc.createElement('li');
      li.textContent = n;
      return li;
    }),
  );
  list.hidden = notes.length === 0;
}
