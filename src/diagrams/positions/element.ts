/**
 * <glassbox-positions>: the live wrapper. Near the viewport it loads the model's wpe side file
 * (200 kB; src/model/weights.ts) and d3, then redraws on the two sliders. State (`positions`,
 * `dims`) lives in `data-state`, in the URL when `data-url-state="on"`, and in the export.
 */
import entry from './entry';
import { mirrorInUrl, normalizeState, parseState, serializeState } from '../kit/state';
import { whenNearViewport } from '../kit/lifecycle';
import type { PositionsState, PositionsView } from './data';
import type { PositionsChart } from './render';
import { observeWidth } from '../kit/lifecycle';

const MEASURE = `glassbox:update:${entry.id}`;
type Mods = { data: typeof import('./data'); render: typeof import('./render') };

export class GlassboxPositions extends HTMLElement {
  private state!: PositionsState;
  private cleanup: (() => void)[] = [];
  private started = false;
  private mods: Mods | null = null;
  private wpe: Awaited<ReturnType<typeof import('../../model/weights').loadPositions>> | null = null;
  private chart: PositionsChart | null = null;
  private view: PositionsView | null = null;
  private width = 0;

  private get<T extends HTMLElement = HTMLElement>(role: string): T {
    const el = this.querySelector<T>(`[data-role="${role}"]`);
    if (!el) throw new Error(`<glassbox-positions> is missing [data-role="${role}"]`);
    return el;
  }

  connectedCallback() {
    this.state = parseState(this.dataset.state ?? '', entry.state).state;
    const notes: string[] = [];
    if (this.dataset.urlState === 'on') {
      const params = new URLSearchParams(location.search);
      if (Object.keys(entry.state).some((k) => params.has(k))) {
        const parsed = parseState(params, entry.state);
        this.state = parsed.state;
        notes.push(...parsed.notes);
      }
    }
    const list = this.get('notes');
    list.replaceChildren(...notes.map((n) => Object.assign(document.createElement('li'), { textContent: n })));
    list.hidden = notes.length === 0;
    const ac = new AbortController();
    this.cleanup.push(() => ac.abort());
    for (const key of ['positions', 'dims'] as const) {
      const input = this.get<HTMLInputElement>(key);
      input.value = String(this.state[key]);
      this.get(`${key}-out`).textContent = input.value;
      input.addEventListener('input', () => this.set({ [key]: Number(input.value) }), { signal: ac.signal });
    }
    this.cleanup.push(whenNearViewport([this], () => void this.start()));
  }

  disconnectedCallback() {
    this.cleanup.splice(0).forEach((f) => f());
    this.chart?.destroy();
    this.chart = null;
    this.started = false;
  }

  private async start() {
    if (this.started) return;
    this.started = true;
    const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
    try {
      const [weights, data, render] = await Promise.all([import('../../model/weights'), import('./data'), import('./render')]);
      this.wpe = await weights.loadPositions(base);
      if (!this.started) return;
      this.mods = { data, render };
      const root = this.get('chart');
      this.width = root.clientWidth;
      this.view = data.positionsView(this.wpe.model, this.wpe.wpe, this.state);
      this.chart = render.render(root, this.view, { width: this.width });
      this.dataset.source = 'model';
      this.get('status').textContent = `Live: the learned positions of ${this.wpe.model.id} (version ${this.wpe.model.version}), loaded in your browser.`;
      this.commit();
      this.cleanup.push(
        observeWidth(root, () => this.width, (w) => {
          this.width = w;
          this.draw();
        }),
      );
    } catch (e) {
      this.get('status').textContent = `The learned positions could not load (${e instanceof Error ? e.message : String(e)}); showing the copy made when the site was built.`;
    }
  }

  private set(next: Partial<PositionsState>) {
    this.state = normalizeState({ ...this.state, ...next }, entry.state).state;
    for (const key of ['positions', 'dims'] as const) this.get(`${key}-out`).textContent = String(this.state[key]);
    this.draw();
    this.commit();
  }

  private draw() {
    if (!this.mods || !this.wpe || !this.chart) return;
    const t0 = performance.now();
    this.view = this.mods.data.positionsView(this.wpe.model, this.wpe.wpe, this.state);
    this.chart.update(this.view, { width: this.width });
    performance.measure(MEASURE, { start: t0, end: performance.now() });
  }

  private commit() {
    const q = serializeState(this.state, entry.state);
    this.dataset.state = q;
    if (this.dataset.urlState === 'on') mirrorInUrl(q, entry.state);
    if (this.mods && this.view) {
      this.get('export').textContent = JSON.stringify(this.mods.data.exportPositions(this.state, 'model', this.view));
    }
  }
}

if (!customElements.get('glassbox-positions')) customElements.define('glassbox-positions', GlassboxPositions);
