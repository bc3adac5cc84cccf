/**
 * <glassbox-quiz>: the live wrapper around render.ts, on the kit's host (../kit/element.ts:
 * state, URL, export, lifecycle) and its live-model part (../kit/live.ts). The state is the
 * question set; the reader's answers are progress, not state: they live in localStorage (one key,
 * quiz.ts) and never leave the browser. Model questions show the build-time example until the
 * live model has answered them through the same resolvers (live.ts), then its own answers.
 * Only this file and set.ts load with the page; the questions, d3 and the model come near the viewport.
 */
import type { ChartOptions } from '../kit/chart';
import { withoutState } from '../kit/body';
import { ChartSlot } from '../kit/chart-slot';
import { DiagramElement } from '../kit/element';
import { LiveModel } from '../kit/live';
import entry from './entry';
import type { Resolved } from './questions';
import type { Progress } from './quiz';
import type { QuizOptions, QuizView } from './render';
import { asksModel, parseSet } from './set';

type State = { set: string };
type QuizModule = typeof import('./quiz');

/** localStorage, or null where the browser refuses it (a sandboxed frame, blocked storage). */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export class GlassboxQuiz extends DiagramElement<State> {
  protected readonly entry = entry;
  private ids: string[] = [];
  private setNotes: string[] = [];
  private progress: Progress = {};
  private quiz: QuizModule | null = null;
  /** Model questions by id: the build-time example's until the live model has answered. */
  private resolved: Record<string, Resolved> = {};
  /** The model questions the live model has answered on this page. */
  private fromModel = new Set<string>();
  private model: { id: string; version: string } | null = null;
  private readonly live = new LiveModel(this, () => this.refresh(), () => this.renderSource());
  private readonly chart = new ChartSlot<QuizView, QuizOptions, State>(this, this.port(), () => this.view(), () => this.options());

  protected connected() {
    this.readSet();
    this.model = this.exportSlot.read<{ model?: { id: string; version: string } }>()?.model ?? null;
    this.live.wire();
    this.renderSource();
    this.writeState();
  }

  protected async start() {
    const [quiz, example] = await Promise.all([import('./quiz'), import('../../data/examples/quiz.json')]);
    this.quiz = quiz;
    this.progress = quiz.loadProgress(storage());
    this.resolved = { ...(example.default.questions as Record<string, Resolved>) };
    if (!(await this.chart.mount(import('./render'), Promise.resolve(true)))) return;
    this.draw();
    if (this.needsModel()) await this.live.start();
  }

  protected exportBody() {
    const quiz = this.quiz;
    if (!quiz) return withoutState(this.exportSlot.read<object>() ?? {});
    const questions = this.questions();
    return {
      source: this.needsModel() ? this.source() : 'fixed',
      model: this.model,
      questions: quiz.exportQuestions(questions, this.progress),
      score: quiz.scoreOf(questions, this.progress),
    };
  }

  protected extraNotes() {
    return [...this.setNotes, ...this.live.notes()];
  }

  protected changed(prev: State) {
    if (prev.set === this.state.set) return;
    this.readSet();
    this.renderNotes();
    this.renderSource();
    this.draw();
    if (this.started && this.needsModel() && !this.live.model) void this.live.start();
    else if (this.live.info) void this.refresh();
  }

  private readSet() {
    const { ids, notes } = parseSet(this.state.set);
    this.ids = ids;
    this.setNotes = notes;
    this.dataset.source = this.needsModel() ? this.source() : 'formula';
  }

  /** 'model' once the live model has answered every model question shown. */
  private source(): 'example' | 'model' {
    return this.ids.filter(asksModel).every((id) => this.fromModel.has(id)) ? 'model' : 'example';
  }

  private needsModel(): boolean {
    return this.ids.some(asksModel);
  }

  /** Ask the live model every model question shown, through the same resolvers as the example. */
  private async refresh() {
    const model = this.live.model;
    const info = this.live.info;
    if (!model || !info) return;
    const [{ LIVE }, { browserQuizModel }] = await Promise.all([import('./live'), import('./sources')]);
    const m = browserQuizModel(model, info.id, info.vocabSize);
    const next: Record<string, Resolved> = {};
    try {
      for (const spec of LIVE) if (this.ids.includes(spec.id) && !this.fromModel.has(spec.id)) next[spec.id] = await spec.resolve(m);
    } catch (e) {
      this.live.failed(e);
      return;
    }
    if (!this.isConnected) return;
    this.byRole('error').hidden = true;
    this.resolved = { ...this.resolved, ...next };
    for (const id of Object.keys(next)) this.fromModel.add(id);
    this.model = { id: info.id, version: info.version };
    this.dataset.source = this.needsModel() ? this.source() : 'formula';
    this.showModel(info);
    this.renderSource();
    this.draw();
  }

  private renderSource() {
    const needs = this.needsModel();
    this.byRole('source').hidden = !needs;
    if (needs && this.model) this.live.source({ kind: this.source(), model: this.model, text: '' }, '');
  }

  private questions() {
    return this.quiz ? this.quiz.questionsFor(this.ids, this.resolved, this.fromModel) : [];
  }

  private view(): QuizView {
    return { questions: this.questions(), progress: this.progress, base: (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/') };
  }

  private options(): QuizOptions & ChartOptions {
    return {
      width: this.width || undefined,
      reducedMotion: this.reducedMotion(),
      onCheck: (id, key) => this.setProgress(this.quiz!.answer(this.progress, id, key)),
      onRetry: (id) => this.setProgress(this.quiz!.forget(this.progress, [id])),
      onReset: () => this.setProgress(this.quiz!.forget(this.progress, this.ids)),
    };
  }

  private setProgress(p: Progress) {
    this.progress = p;
    this.quiz?.saveProgress(storage(), p);
    this.draw();
  }

  private draw() {
    this.chart.draw();
    this.writeExport();
  }
}

if (!customElements.get('glassbox-quiz')) customElements.define('glassbox-quiz', GlassboxQuiz);
