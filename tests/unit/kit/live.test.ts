// @vitest-environment jsdom
/**
 * The live-model part (src/diagrams/kit/live.ts) on a minimal host: it loads the model the link
 * pins while the catalogue serves it, otherwise the current one with a visible note; failures
 * show with Retry; only the newest request's answer is delivered.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelApi } from '../../../src/model/api';
import type { Catalogue } from '../../../src/model/catalogue';
import { cleanup, until } from '../diagrams/dom';

const CATALOGUE: Catalogue = {
  default: 'glassbox-gpt-6l',
  models: [
    { id: 'glassbox-gpt-6l', version: 'new', dtype: 'q8', file: 'onnx/model_quantized.onnx', bytes: 1 },
    { id: 'glassbox-gpt-6l', version: 'kept', dtype: 'q8', file: 'onnx/model_quantized.onnx', bytes: 1, path: 'glassbox-gpt-6l@kept/', archived: true },
  ],
} as unknown as Catalogue;

const asked: (string | null | undefined)[] = [];
let failLoads = 0;
function fakeModel(ref: string | null | undefined): ModelApi {
  const version = ref ? ref.split('@')[1] : 'new';
  return {
    load: async () => {
      if (failLoads > 0) {
        failLoads--;
        throw new Error('network down');
      }
      return { id: 'glassbox-gpt-6l', version, nPositions: 256 };
    },
    onEvent: () => () => {},
    nextTokens: async (text: string) => ({ text, version }),
  } as unknown as ModelApi;
}

vi.mock('../../../src/model/client', () => ({
  getModel: (ref?: string | null) => {
    asked.push(ref);
    return fakeModel(ref);
  },
  latest: <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => fn,
}));
vi.mock('../../../src/model/assets', () => ({ catalogue: async () => CATALOGUE }));

const { DiagramElement } = await import('../../../src/diagrams/kit/element');
const { LiveModel } = await import('../../../src/diagrams/kit/live');

class LiveDiagram extends DiagramElement<{ text: string }> {
  protected readonly entry = { id: 'live-diagram', state: { text: { kind: 'string', maxLength: 20, default: 'Hi', label: 'text' } } as const };
  readonly live = new LiveModel(this, async () => {
    this.ready++;
    this.renderNotes();
  });
  ready = 0;
  protected connected() {
    this.live.wire();
  }
  protected async start() {
    await this.live.start();
  }
  protected exportBody() {
    return {};
  }
  protected extraNotes() {
    return this.live.notes();
  }
}
customElements.define('live-diagram', LiveDiagram);

function mount(search: string): LiveDiagram {
  history.replaceState(null, '', `/${search}`);
  document.body.innerHTML = `<live-diagram data-url-state="on">
    <p data-role="source"></p>
    <div data-role="progress" hidden><progress data-role="progress-bar"></progress><span data-role="progress-text"></span></div>
    <div data-role="error" hidden><p data-role="error-text"></p><button data-role="retry">Retry</button></div>
    <ul data-role="notes" hidden></ul>
    <script type="application/json" data-role="export">{}</script></live-diagram>`;
  return document.querySelector('live-diagram') as LiveDiagram;
}

const notes = (el: Element) => [...el.querySelectorAll('[data-role="notes"] li')].map((li) => li.textContent);

afterEach(() => {
  cleanup();
  asked.length = 0;
  failLoads = 0;
});

describe('LiveModel', () => {
  it('loads the current model when the link names none', async () => {
    const el = mount('?text=Hi');
    await until(() => el.ready === 1);
    expect(asked).toEqual([null]);
    expect(el.live.info?.version).toBe('new');
    expect(notes(el)).toEqual([]);
  });

  it('loads a version the catalogue still keeps, with no note', async () => {
    const el = mount('?text=Hi&model=glassbox-gpt-6l@kept');
    await until(() => el.ready === 1);
    expect(asked).toEqual(['glassbox-gpt-6l@kept']);
    expect(el.live.info?.version).toBe('kept');
    expect(notes(el)).toEqual([]);
  });

  it('shows the current model, and says so, for a version no longer served', async () => {
    const el = mount('?text=Hi&model=glassbox-gpt-6l@gone');
    await until(() => el.ready === 1);
    expect(asked).toEqual([null]);
    expect(notes(el)).toEqual([
      'This link was made with glassbox-gpt-6l version gone, which this site no longer serves; showing the current model (glassbox-gpt-6l version new).',
    ]);
  });

  it('shows a failed load with Retry, and Retry loads again', async () => {
    failLoads = 1;
    const el = mount('?text=Hi');
    const error = el.querySelector<HTMLElement>('[data-role="error"]') as HTMLElement;
    await until(() => !error.hidden);
    expect(el.querySelector('[data-role="error-text"]')?.textContent).toContain('network down');
    el.querySelector<HTMLButtonElement>('[data-role="retry"]')?.click();
    await until(() => el.ready === 1);
    expect(error.hidden).toBe(true);
  });

  it('delivers only the newest answer', async () => {
    const el = mount('?text=Hi');
    await until(() => el.ready === 1);
    const ask = el.live.latest((model, text: string) => model.nextTokens(text, 1));
    const [first, second] = await Promise.all([ask('a'), ask('b')]);
    expect(first).toBeUndefined();
    expect(second).toMatchObject({ text: 'b' });
  });
});
