// @vitest-environment jsdom
/**
 * The kit's small parts: keyboard wiring, the data table, the notes list, the chapter's shared
 * sentence and the trace source's notes. Each is what several diagrams rely on, so each is held
 * here once.
 */
import { select } from 'd3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followFocus, wireQueries } from '../../../src/diagrams/kit/keys';
import { dataTable } from '../../../src/diagrams/kit/table';
import { showNotes } from '../../../src/diagrams/kit/notes';
import { clampToken, truncationNotes } from '../../../src/diagrams/kit/sources/trace';
import { cleanup, key, mount, pointer } from '../diagrams/dom';

afterEach(() => cleanup());

function row(n: number) {
  const root = mount();
  root.innerHTML = Array.from({ length: n }, (_, i) => `<span data-token="${i + 1}" tabindex="-1">t${i + 1}</span>`).join('');
  let current = 0;
  const picked: number[] = [];
  wireQueries(select(root as HTMLElement), () => n, () => current, (q) => {
    picked.push(q);
    current = q;
  });
  const at = (i: number) => root.querySelector<HTMLElement>(`[data-token="${i}"]`) as HTMLElement;
  return { root, picked, at };
}

describe('wireQueries', () => {
  it('arrow keys step, Home and End jump, and moves stop at the ends', () => {
    const { root, picked } = row(4);
    for (const k of ['ArrowRight', 'ArrowRight', 'End', 'ArrowRight', 'Home', 'ArrowLeft', 'ArrowDown']) root.dispatchEvent(key(k));
    expect(picked).toEqual([1, 2, 3, 0, 1]);
  });

  it('a mouse hover picks, a touch "hover" does not (a tap does), and other keys are left alone', () => {
    const { root, picked, at } = row(3);
    at(3).dispatchEvent(pointer('pointerover', 'touch'));
    expect(picked).toEqual([]);
    at(3).dispatchEvent(pointer('pointerover', 'mouse'));
    at(2).click();
    expect(picked).toEqual([2, 1]);
    const ev = key('a');
    root.dispatchEvent(ev);
    expect(ev.defaultPrevented).toBe(false);
  });

  it('followFocus keeps focus on the selected target after a keyboard move', () => {
    const { root, at } = row(3);
    at(1).focus();
    followFocus(root, 2);
    expect(root.ownerDocument.activeElement).toBe(at(3));
  });
});

describe('dataTable', () => {
  type D = { words: string[] };
  const content = (d: D) => ({ caption: `${d.words.length} words`, rows: d.words.map((w, i) => ({ cells: [{ text: i + 1, head: true }, { text: w }] })) });

  it('builds a closed details with a caption and rows, text only', () => {
    const root = mount();
    const t = dataTable<D>(select(root as HTMLElement), { cls: 'gb-x-table', columns: ['#', 'word'] }, content);
    t.update({ words: ['The', '</script><b>x</b>'] });
    const details = root.querySelector('details.gb-x-table') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe('The numbers as a table');
    expect(root.querySelector('caption')?.textContent).toBe('2 words');
    expect([...root.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['#', 'word']);
    expect([...root.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual(['1The', '2</script><b>x</b>']);
    expect(root.querySelector('tbody b')).toBeNull();
    expect(root.querySelector('tbody th')?.getAttribute('scope')).toBe('row');
  });

  it('a lazy table fills once, then only while open', () => {
    const root = mount();
    const t = dataTable<D>(select(root as HTMLElement), { cls: 'gb-x-table', lazy: true }, content);
    t.update({ words: ['a'] });
    t.update({ words: ['a', 'b'] });
    expect(root.querySelectorAll('tbody tr')).toHaveLength(1);
    const details = root.querySelector('details') as HTMLDetailsElement;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    expect(root.querySelectorAll('tbody tr')).toHaveLength(2);
  });
});

describe('showNotes', () => {
  it('lists notes as text and hides an empty list', () => {
    const list = mount().appendChild(document.createElement('ul'));
    showNotes(list, ['layer: 9 is above the maximum 6; using 6.', '<img src=x onerror=alert(1)>']);
    expect(list.hidden).toBe(false);
    expect([...list.children].map((li) => li.textContent)).toEqual(['layer: 9 is above the maximum 6; using 6.', '<img src=x onerror=alert(1)>']);
    expect(list.querySelector('img')).toBeNull();
    showNotes(list, []);
    expect(list.hidden).toBe(true);
    expect(list.children).toHaveLength(0);
  });
});

describe('trace source notes', () => {
  it('clamps a token past the end of the text, with a note', () => {
    expect(clampToken(3, 5)).toEqual({ token: 3 });
    expect(clampToken(9, 5)).toEqual({ token: 5, note: 'token: 9 is past the end of the text (5 tokens); using 5.' });
    expect(clampToken(9, 0)).toEqual({ token: 9 });
  });

  it('says when the text was cut to the context', () => {
    const model = { nPositions: 256 } as Parameters<typeof truncationNotes>[0]['model'];
    expect(truncationNotes({ truncated: false, model })).toEqual([]);
    expect(truncationNotes({ truncated: true, model })).toEqual(["Your text is longer than the model's context of 256 tokens, so it reads only the first 256."]);
  });
});

describe('shareText', () => {
  it('passes the reader’s sentence to the other views of a page that mirrors the URL, never back to itself', async () => {
    const { shareText } = await import('../../../src/diagrams/kit/live-text');
    const { Lifecycle } = await import('../../../src/diagrams/kit/lifecycle');
    const host = (urlState: boolean) => {
      const life = new Lifecycle();
      const el = document.createElement('div') as unknown as Parameters<typeof shareText>[0];
      Object.assign(el, { urlState, life, listen: (t: EventTarget, type: string, fn: (e: Event) => void) => t.addEventListener(type, fn, { signal: life.signal }) });
      return el;
    };
    const a = host(true);
    const b = host(true);
    const off = host(false);
    const got = { a: vi.fn(), b: vi.fn(), off: vi.fn() };
    const tellA = shareText(a, () => 'old', got.a);
    shareText(b, () => 'old', got.b);
    shareText(off, () => 'old', got.off);
    tellA('A new sentence');
    expect(got.a).not.toHaveBeenCalled();
    expect(got.b).toHaveBeenCalledWith('A new sentence');
    expect(got.off).not.toHaveBeenCalled();
    tellA('old');
    expect(got.b).toHaveBeenCalledTimes(1);
  });
});
