/**
 * The live data behind the next-token chapter's views, as one part a host composes: the
 * build-time example from the export slot until the model answers, then one forward pass per
 * text (kit/sources/window.ts) scored position by position; the model's status lines
 * (kit/live.ts) and the notes on a cut text. The host keeps its state and redraws in `onAnswer`.
 */
import { withoutState } from '../body';
import type { DiagramElement } from '../element';
import type { JsonSlot } from '../export';
import { LiveModel } from '../live';
import { windowSource, type WindowAnswer } from '../sources/window';
import type { WindowData } from './data';

/** What every next-token view exports besides its state: the numbers shown and where they come from. */
export interface WindowBody extends WindowData {
  /** "example" until the live model has answered. */
  source: 'example' | 'model';
}

/** An export slot's content as a body: its `state` dropped, anything else kept. */
export function bodyFromSlot(slot: JsonSlot): WindowBody {
  return withoutState(slot.read<WindowBody & { state?: unknown }>());
}

export class WindowFeed {
  body!: WindowBody;
  /** The model's context in tokens, once it has answered. */
  context = 0;
  readonly live: LiveModel;
  private readonly host: DiagramElement;
  private ask: ((text: string) => Promise<WindowAnswer | undefined>) | null = null;

  constructor(
    host: DiagramElement,
    /** The text the host shows now. */
    private readonly text: () => string,
    /** A new answer is in `body`: redraw, name the model in links. */
    private readonly onAnswer: () => void,
  ) {
    this.live = new LiveModel(host, () => this.refresh(), () => this.source());
    this.host = host;
  }

  /** From the host's connected(): the build-time body, Retry, the status line. */
  connect(slot: JsonSlot): void {
    this.body = bodyFromSlot(slot);
    this.live.wire();
    this.source();
  }

  /** From the host's start(), after its render module loaded: load the model, then ask. */
  async start(): Promise<void> {
    await this.live.connect();
    if (this.host.life.disposed) return;
    this.ask = windowSource(this.live);
    await this.live.start();
  }

  stop(): void {
    this.ask = null;
  }

  async refresh(): Promise<void> {
    if (!this.ask) return;
    let r: WindowAnswer | undefined;
    try {
      r = await this.ask(this.text());
    } catch (e) {
      this.live.failed(e);
      return;
    }
    if (!r || !this.host.isConnected) return; // a newer request is on its way
    this.host.byRole('error').hidden = true;
    this.body = { source: 'model', ...r.window };
    this.context = r.context;
    this.host.dataset.source = 'model';
    this.source();
    this.onAnswer();
  }

  source(): void {
    const { source, model, text } = this.body;
    this.live.source({ kind: source, model, text }, this.text());
  }

  /** The stale-model note, and the cut-text note once the live model has cut it. */
  notes(): string[] {
    const notes = this.live.notes();
    if (this.body.truncated && this.body.source === 'model') {
      notes.push(`Your text is longer than the model's context of ${this.context} tokens, so it reads only the first ${this.context}.`);
    }
    return notes;
  }
}
