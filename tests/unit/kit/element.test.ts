// @vitest-environment jsdom
/**
 * The kit's host (src/diagrams/kit/element.ts), driven through a minimal diagram: where the
 * state comes from, what a change writes and dispatches, what a copied link holds, and what
 * leaving the page undoes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiagramElement } from '../../../src/diagrams/kit/element';
import type { StateSchema } from '../../../src/diagrams/kit/schema';
import { cleanup } from '../diagrams/dom';

const schema = {
  text: { kind: 'string', maxLength: 50, default: 'The cat', label: 'text' },
  layer: { kind: 'int', min: 1, max: 6, default: 1, label: 'layer' },
} as const satisfies StateSchema;
type State = { text: string; layer: number };

class TestDiagram extends DiagramElement<State> {
  protected readonly entry = { id: 'test-diagram', state: schema };
  starts = 0;
  stops = 0;
  clicks = 0;
  protected connected() {
    this.listen(this.byRole('button'), 'click', () => this.clicks++);
  }
  protected start() {
    this.starts++;
  }
  protected stopped() {
    this.stops++;
  }
  protected exportBody() {
    return { model: { id: 'm', version: '7' }, shown: this.state.layer * 10 };
  }
  /** Test access to the host's protected API. */
  hover(layer: number) {
    this.choose({ layer }, 120);
  }
}
customElements.define('test-diagram', TestDiagram);

function mount(attrs: string, exported = '{"state":{},"model":{"id":"m","version":"7"}}'): TestDiagram {
  document.body.innerHTML = `<test-diagram ${attrs}><button data-role="button"></button><ul data-role="notes" hidden></ul>
    <script type="application/json" data-role="export">${exported}</script></test-diagram>`;
  return document.querySelector('test-diagram') as TestDiagram;
}

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
  vi.useRealTimers();
});

describe('DiagramElement state', () => {
  it('comes from the props, with the URL left alone when the diagram does not own it', () => {
    history.replaceState(null, '', '/?layer=4');
    const el = mount('data-state="text=A%20dog" data-url-state="off"');
    expect(el.value).toEqual({ text: 'A dog', layer: 1 });
  });

  it('comes from the URL where the diagram owns it, with a visible note for each bad value', () => {
    history.replaceState(null, '', '/?layer=9&text=Hi');
    const el = mount('data-state="text=A%20dog" data-url-state="on"');
    expect(el.value).toEqual({ text: 'Hi', layer: 6 });
    const notes = [...el.querySelectorAll('[data-role="notes"] li')].map((li) => li.textContent);
    expect(notes).toEqual(['layer: 9 is above the maximum 6; using 6.']);
    expect(el.querySelector<HTMLElement>('[data-role="notes"]')?.hidden).toBe(false);
  });

  it('reads the model a link names, and notes a malformed one', () => {
    history.replaceState(null, '', '/?text=Hi&model=glassbox-gpt-6l@abc123');
    expect(mount('data-url-state="on"').pin).toEqual({ id: 'glassbox-gpt-6l', version: 'abc123' });
    history.replaceState(null, '', '/?text=Hi&model=%3Cscript%3E');
    const el = mount('data-url-state="on"');
    expect(el.pin).toBeNull();
    expect(el.querySelector('[data-role="notes"]')?.textContent).toContain('is not of the form <id>@<version>');
  });
});

describe('DiagramElement changes', () => {
  it('report as el.value plus a bubbling input event, and write data-state, the link, the export and the URL', () => {
    history.replaceState(null, '', '/?other=1');
    const el = mount('data-url-state="on"');
    const heard = vi.fn();
    document.body.addEventListener('input', heard);
    el.value = { layer: 3 };
    expect(heard).toHaveBeenCalledOnce();
    expect(el.value).toEqual({ text: 'The cat', layer: 3 });
    expect(el.dataset.state).toBe('layer=3');
    expect(el.dataset.link).toBe('text=The%20cat&layer=3&model=m@7');
    expect(JSON.parse(el.querySelector('[data-role="export"]')?.textContent ?? '')).toEqual({
      state: { text: 'The cat', layer: 3 },
      model: { id: 'm', version: '7' },
      shown: 30,
    });
    expect(location.search).toBe('?other=1&layer=3');
  });

  it('go through the schema, so a change from outside can never make a state a link could not', () => {
    const el = mount('data-url-state="off"');
    el.value = { layer: 99, text: 42 as unknown as string };
    expect(el.value).toEqual({ text: 'The cat', layer: 6 });
  });

  it('from hovers are written after a pause, and flushed when the element leaves the page', () => {
    vi.useFakeTimers();
    const el = mount('data-url-state="off"');
    el.hover(2);
    expect(el.dataset.state ?? '').toBe('');
    el.remove();
    expect(el.dataset.state).toBe('layer=2');
  });
});

describe('DiagramElement lifecycle', () => {
  it('starts near the viewport once, and undoes listeners and work when removed', () => {
    const el = mount('data-url-state="off"');
    expect(el.starts).toBe(1); // jsdom has no IntersectionObserver: near at once
    el.byRole('button').click();
    expect(el.clicks).toBe(1);
    const button = el.byRole('button');
    el.remove();
    button.click();
    expect(el.clicks).toBe(1);
    expect(el.stops).toBe(1);
    document.body.append(el);
    expect(el.starts).toBe(2);
    el.byRole('button').click();
    expect(el.clicks).toBe(2);
  });

  it('throws on missing markup, naming the element and the part', () => {
    const el = mount('data-url-state="off"');
    expect(() => el.byRole('chart')).toThrow('<test-diagram> is missing [data-role="chart"]');
  });
});
