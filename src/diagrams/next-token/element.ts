/**
 * <glassbox-next-token>: the live wrapper around render.ts (lifecycle in ../live-model.ts). It shows
 * the build-time example until the model answers, loads the model only when the diagram comes near
 * the viewport, mirrors its state in the URL and keeps the `data-export="json"` element equal to
 * what is drawn. Only this file and its dynamic imports run in the page; the model runtime and d3
 * load late.
 */
import type { ModelApi, NextTokens } from '../../model/api';
import nextToken from './entry';
import { normalizeState } from '../kit/state';
import { LiveModelElement, type LiveExport } from '../kit/live-model';
import type { NextTokenChart, NextTokenView } from './render';

/** How many candidates the bars show. */
const K = 10;
const DEBOUNCE_MS = 60;

type State = { text: string };

export interface NextTokenExport extends LiveExport<State> {
  truncated: boolean;
  tokens: { id: number; text: string }[];
  top: { id: number; text: string; p: number }[];
}

function viewOf(r: NextTokens): NextTokenView {
  return {
    text: r.text,
    truncated: r.truncated,
    tokens: r.tokens.map(({ id, text }) => ({ id, text })),
    top: r.top.map(({ id, text, p }) => ({ id, text, p })),
  };
}

export class GlassboxNextToken extends LiveModelElement<State, NextTokenExport, NextTokenChart> {
  protected readonly entry = nextToken;
  protected state: State = { text: nextToken.state.text.default };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: ((text: string) => Promise<NextTokens | undefined>) | null = null;

  protected wire(signal: AbortSignal) {
    const input = this.get<HTMLTextAreaElement>('prompt');
    if (input.value !== this.state.text) input.value = this.state.text;
    this.renderNotes(false);
    input.addEventListener('input', () => this.onInput(input.value), { signal });
    this.cleanup.push(() => {
      clearTimeout(this.timer);
      this.request = null;
    });
  }

  protected async mount(root: HTMLElement) {
    const { render } = await import('./render');
    return render(root, this.data, this.options());
  }

  protected connect(client: typeof import('../../model/client'), model: ModelApi) {
    this.request = client.latest((text: string) => model.nextTokens(text, K));
  }

  private onInput(value: string) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.state = normalizeState({ text: value }, this.entry.state).state as State;
      this.urlNotes = []; // they described the link, not what the reader has typed since
      this.renderNotes(false);
      this.writeState();
      if (this.started) void this.refresh();
      else void this.start();
    }, DEBOUNCE_MS);
  }

  protected async refresh() {
    if (!this.request) return;
    let r: NextTokens | undefined;
    try {
      r = await this.request(this.state.text);
    } catch (e) {
      this.showError(e);
      return;
    }
    if (!r || !this.isConnected) return; // a newer request is on its way
    this.get('error').hidden = true;
    this.data = { state: { ...this.state }, source: 'model', model: { id: r.model.id, version: r.model.version }, ...viewOf(r) };
    this.showLive();
    this.renderNotes(r.truncated, r.model.nPositions);
    this.draw();
  }

  private options() {
    return { width: this.width || undefined, reducedMotion: this.reducedMotion() };
  }

  protected paint(chart: NextTokenChart) {
    chart.update(this.data, this.options());
  }

  private renderNotes(truncated: boolean, context = 0) {
    const notes = [...this.urlNotes];
    if (truncated) {
      notes.push(`Your text is longer than the model's context of ${context} tokens, so it reads only the first ${context}.`);
    }
    this.status.notes(notes);
  }
}

if (!customElements.get('glassbox-next-token')) customElements.define('glassbox-next-token', GlassboxNextToken);
