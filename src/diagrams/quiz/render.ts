/**
 * The quiz: one form per question, each a fieldset whose legend is the question, native radio
 * buttons for the options (arrow keys move, Space picks, Enter submits) and a "Check answer"
 * submit button. A checked question shows, in a polite live region that takes the focus, whether
 * the answer was right, the explanation and a link to the diagram that shows it. The score line,
 * a row of squares (the exported picture) and a table of the answers sum it up. The caller keeps
 * the progress: it comes in with the data and goes out through `onCheck`, `onRetry`, `onReset`.
 * Draws only inside `root`.
 */
import { select, type Selection } from 'd3';
import type { ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg } from '../kit/dom';
import type { Question } from './questions';
import { chosenFor, scoreOf, type Progress } from './quiz';

export interface QuizView {
  questions: Question[];
  progress: Progress;
  /** The site's base URL ("/" or "/sub/"), for the links to the diagrams. */
  base: string;
}

export interface QuizOptions extends ChartOptions {
  /** The reader checked `key` for question `id`. */
  onCheck?: (id: string, key: string) => void;
  /** The reader wants to answer `id` again. */
  onRetry?: (id: string) => void;
  /** The reader starts the shown questions over. */
  onReset?: () => void;
}

export interface QuizChart {
  update(data: QuizView, options?: QuizOptions): void;
  destroy(): void;
}

const SQUARE = 22; // px per question in the picture, a 18 px square and its gap
const SOURCE_NOTE: Record<Question['source'], string> = {
  fact: '',
  formula: 'The answer comes from the published formula.',
  example: 'The answer comes from the model, run when the site was built; the live model checks it once it loads.',
  model: 'The answer comes from the live model, running in your browser.',
};

let instances = 0; // radio groups need a document-unique name

type Div = Selection<HTMLDivElement, unknown, null, undefined>;

export function render(root: HTMLElement, data: QuizView, options: QuizOptions = {}): QuizChart {
  const uid = `gb-quiz-${++instances}`;
  let opts = { ...options };
  let d = data;
  /** Options picked but not checked yet, per question: kept for this page only. */
  const picked = new Map<string, string>();
  /** Questions whose check was pressed with nothing picked: they say so until an option is picked. */
  const nudged = new Set<string>();
  /** After a check or a retry, where the focus goes once the redraw is done. */
  let focusNext: { id: string; part: 'feedback' | 'first' } | null = null;

  const base = clearedRoot(root) as unknown as Div;
  const summary = base.append('p').attr('class', 'gb-quiz-summary').attr('aria-live', 'polite');
  const figure = exportSvg(base, 'gb-quiz-figure').attr('aria-hidden', 'true');
  const list = base.append('ol').attr('class', 'gb-quiz-list');
  const reset = base.append('button').attr('type', 'button').attr('class', 'gb-quiz-reset').text('Start these questions over');
  const details = base.append('details').attr('class', 'gb-quiz-table');
  details.append('summary').text('Your answers as a table');
  const table = details.append('table');
  table.append('caption').text('Each question by number, your checked answer and the correct one');
  const head = table.append('thead').append('tr');
  for (const h of ['No.', 'Your answer', 'Correct answer', 'Result']) head.append('th').attr('scope', 'col').text(h);
  const tbody = table.append('tbody');

  reset.on('click', () => {
    picked.clear();
    opts.onReset?.();
  });

  function textOf(q: Question, key: string | null): string {
    return q.options.find((o) => o.key === key)?.text ?? '';
  }

  function draw() {
    const qs = d.questions;
    const single = qs.length === 1;
    const s = scoreOf(qs, d.progress);
    summary.text(
      single
        ? s.answered
          ? `Answered: ${s.correct ? 'right' : 'not quite'}.`
          : 'One question on this chapter. Pick an answer, then check it.'
        : `${s.total} questions; ${s.answered} answered, ${s.correct} right.`,
    );
    base.classed('is-single', single);

    const forms = list
      .selectAll<HTMLLIElement, Question>('li.gb-quiz-item')
      .data(qs, (q) => q.id)
      .join((enter) => {
        const li = enter.append('li').attr('class', 'gb-quiz-item');
        const form = li.append('form').attr('class', 'gb-quiz-q');
        const fs = form.append('fieldset');
        fs.append('legend');
        fs.append('div').attr('class', 'gb-quiz-options');
        form.append('button').attr('type', 'submit').attr('class', 'gb-quiz-check').text('Check answer');
        const fb = form.append('div').attr('class', 'gb-quiz-feedback').attr('aria-live', 'polite').attr('tabindex', -1);
        fb.append('p').attr('class', 'gb-quiz-verdict');
        fb.append('p').attr('class', 'gb-quiz-explain');
        const more = fb.append('p').attr('class', 'gb-quiz-more');
        more.append('span').text('See it: ');
        more.append('a');
        fb.append('p').attr('class', 'gb-quiz-source');
        fb.append('button').attr('type', 'button').attr('class', 'gb-quiz-retry').text('Try again');
        return li;
      })
      .attr('data-question', (q) => q.id);

    forms.each(function (q, i) {
      drawQuestion(select(this), q, i, qs.length);
    });

    drawFigure(qs);
    drawTable(qs);
    reset.attr('hidden', s.answered ? null : '');

    if (focusNext) {
      const f = focusNext;
      focusNext = null;
      const li = list.selectAll<HTMLLIElement, Question>('li.gb-quiz-item').filter((q) => q.id === f.id).node();
      const target = f.part === 'feedback' ? li?.querySelector<HTMLElement>('.gb-quiz-feedback') : li?.querySelector<HTMLElement>('input');
      target?.focus();
    }
  }

  function drawQuestion(li: Selection<HTMLLIElement, Question, null, undefined>, q: Question, i: number, n: number) {
    const chosen = chosenFor(q, d.progress);
    const checked = chosen !== null;
    const current = checked ? chosen : (picked.get(q.id) ?? null);
    // No accessible name on the form: a named form is a landmark, and several quizzes on one page
    // (the gallery) would repeat names; the fieldset's legend names each question.
    const form = li.select<HTMLFormElement>('form');
    li.select('fieldset').property('disabled', checked);
    li.select('legend').text(n > 1 ? `${i + 1}. ${q.prompt}` : q.prompt);
    const labels = li
      .select('.gb-quiz-options')
      .selectAll<HTMLLabelElement, Question['options'][number]>('label')
      .data(q.options, (o) => o.key)
      .join((enter) => {
        const label = enter.append('label').attr('class', 'gb-quiz-option');
        label.append('input').attr('type', 'radio');
        label.append('span');
        return label;
      })
      .classed('is-correct', (o) => checked && o.key === q.correct)
      .classed('is-wrong', (o) => checked && o.key === chosen && o.key !== q.correct);
    labels
      .select<HTMLInputElement>('input')
      .attr('name', `${uid}-${q.id}`)
      .attr('value', (o) => o.key)
      .property('checked', (o) => o.key === current);
    labels.select('span').text((o) => ` ${o.text}${checked && o.key === q.correct ? ' (correct)' : checked && o.key === chosen ? ' (your answer)' : ''}`);

    form.on('change', (ev: Event) => {
      const t = ev.target as HTMLInputElement;
      if (t.type !== 'radio') return;
      picked.set(q.id, t.value);
      if (nudged.delete(q.id)) draw();
    });
    form.on('submit', (ev: Event) => {
      ev.preventDefault();
      const key = picked.get(q.id);
      if (chosenFor(q, d.progress) !== null) return;
      if (!key) {
        nudged.add(q.id);
        draw();
        return;
      }
      focusNext = { id: q.id, part: 'feedback' };
      opts.onCheck?.(q.id, key);
    });
    form.select('.gb-quiz-retry').on('click', () => {
      picked.delete(q.id);
      focusNext = { id: q.id, part: 'first' };
      opts.onRetry?.(q.id);
    });

    form.select('.gb-quiz-check').attr('hidden', checked ? '' : null);
    const fb = form.select('.gb-quiz-feedback');
    fb.attr('hidden', checked || nudged.has(q.id) ? null : '').classed('is-right', false).classed('is-wrong', false);
    for (const c of ['.gb-quiz-explain', '.gb-quiz-more', '.gb-quiz-retry', '.gb-quiz-source']) form.select(c).attr('hidden', checked ? null : '');
    if (!checked) {
      form.select('.gb-quiz-verdict').text(nudged.has(q.id) ? 'Pick one of the answers first.' : '');
      return;
    }
    const right = chosen === q.correct;
    fb.classed('is-right', right).classed('is-wrong', !right);
    const verdict = form.select('.gb-quiz-verdict').text('');
    verdict.append('strong').text(right ? 'Right.' : 'Not quite.');
    verdict.append('span').text(right ? ` The answer is ${textOf(q, q.correct)}.` : ` You chose ${textOf(q, chosen)}; the answer is ${textOf(q, q.correct)}.`);
    form.select('.gb-quiz-explain').text(q.explain);
    form
      .select('.gb-quiz-more a')
      .attr('href', d.base + q.link.href.replace(/^\//, ''))
      .text(q.link.label);
    form.select('.gb-quiz-source').text(SOURCE_NOTE[q.source]).attr('hidden', SOURCE_NOTE[q.source] ? null : '');
  }

  function drawFigure(qs: Question[]) {
    const w = Math.max(SQUARE, qs.length * SQUARE);
    figure.attr('width', w).attr('height', SQUARE).attr('viewBox', `0 0 ${w} ${SQUARE}`);
    const cells = figure
      .selectAll<SVGGElement, Question>('g.gb-quiz-cell')
      .data(qs, (q) => q.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'gb-quiz-cell');
        g.append('rect').attr('width', SQUARE - 4).attr('height', SQUARE - 4).attr('rx', 3);
        g.append('text').attr('x', (SQUARE - 4) / 2).attr('y', 14).attr('text-anchor', 'middle');
        return g;
      })
      .attr('transform', (_, i) => `translate(${i * SQUARE},2)`)
      .attr('data-status', (q) => status(q));
    cells.select('text').text((q) => ({ right: '✓', wrong: '✗', open: '' })[status(q)]);
  }

  function status(q: Question): 'right' | 'wrong' | 'open' {
    const c = chosenFor(q, d.progress);
    return c === null ? 'open' : c === q.correct ? 'right' : 'wrong';
  }

  function drawTable(qs: Question[]) {
    const rows = tbody
      .selectAll<HTMLTableRowElement, Question>('tr')
      .data(qs, (q) => q.id)
      .join((enter) => {
        const tr = enter.append('tr');
        tr.append('th').attr('scope', 'row');
        tr.append('td');
        tr.append('td');
        tr.append('td');
        return tr;
      });
    // The number, not the prompt: the legend above says it, and the table must fit a phone.
    rows.select('th').text((_, i) => String(i + 1));
    rows.select('td:nth-of-type(1)').text((q) => textOf(q, chosenFor(q, d.progress)) || '–');
    rows.select('td:nth-of-type(2)').text((q) => (status(q) === 'open' ? 'after yours' : textOf(q, q.correct)));
    rows.select('td:nth-of-type(3)').text((q) => ({ right: 'right', wrong: 'wrong', open: 'not yet' })[status(q)]);
  }

  draw();

  return {
    update(next, nextOptions) {
      if (nextOptions) opts = { ...opts, ...nextOptions };
      d = next;
      draw();
    },
    destroy() {
      reset.on('click', null);
      list.selectAll('form').on('change submit', null);
      list.selectAll('.gb-quiz-retry').on('click', null);
      base.selectChildren().remove();
    },
  };
}
