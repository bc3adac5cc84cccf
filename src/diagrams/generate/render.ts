/**
 * Step-by-step generation: the prompt, then each generated token as a button showing its final
 * probability (the probability it had when it was chosen), a strip chart of those probabilities
 * (the picture "Download image" saves), and, for the token the reader picked, its alternatives:
 * choosing one forks the text there. Draws only inside `root`; text goes through d3 `.text()`.
 */
import { scaleLinear } from 'd3';
import { percent, showToken } from '../kit/tokens';
import { redrawn, type Chart, type ChartOptions } from '../kit/chart';
import { clearedRoot, exportSvg, liveLine } from '../kit/dom';
import { dataTable } from '../kit/table';
import type { GenerateBody, GenStep } from './data';

export interface GenerateOptions extends ChartOptions {
  /** 0-based step whose alternatives are open, or -1. */
  picked?: number;
  onPick?: (step: number) => void;
  onFork?: (step: number, id: number) => void;
}

export type GenerateView = Omit<GenerateBody, 'source' | 'model'>;

const BAR_H = 48; // px, the strip chart
const FORKED = '#D55E00';
const BAR = '#0072B2';

export function summarize(d: GenerateView): string {
  if (!d.steps.length) return 'Nothing generated yet: press “Next token” or “Run 20”.';
  const text = d.steps.map((s) => s.chosen.text).join('');
  const mean = d.steps.reduce((a, s) => a + s.chosen.p_final, 0) / d.steps.length;
  return `${d.steps.length} token${d.steps.length === 1 ? '' : 's'} generated: “${text.trim()}”. On average the chosen token had ${percent(mean)} after the samplers.`;
}

export function render(root: HTMLElement, data: GenerateView, options: GenerateOptions = {}): Chart<GenerateView, GenerateOptions> {
  const base = clearedRoot(root);
  const summary = liveLine(base, 'gb-gen-summary');
  const strip = base.append('p').attr('class', 'gb-gen-text');
  const prompt = strip.append('span').attr('class', 'gb-gen-prompt');
  const tokens = strip.append('span').attr('class', 'gb-gen-tokens').attr('role', 'group').attr('aria-label', 'Generated tokens; press one to see its alternatives');
  // Arrow keys, Home and End move between the generated tokens (Tab reaches each too).
  tokens.on('keydown', (ev: KeyboardEvent) => {
    const all = [...tokens.node()!.querySelectorAll<HTMLButtonElement>('button')];
    const at = all.indexOf(ev.target as HTMLButtonElement);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 }[ev.key];
    if (at < 0 || to === undefined || !all[to]) return;
    ev.preventDefault();
    all[to].focus();
  });
  const alts = base.append('div').attr('class', 'gb-gen-alts');
  const svg = exportSvg(base, 'gb-gen-chart').attr('aria-hidden', 'true').attr('font-size', 11);
  const table = dataTable<GenerateView>(base, { cls: 'gb-gen-table', columns: ['Position', 'Token', 'Probability', 'u', 'Most likely instead'] }, (d) => ({
    caption: 'Each generated token, its probability after the samplers, the draw and the model’s top choice',
    rows: d.steps.map((s) => ({
      cells: [{ text: s.position }, { text: showToken(s.chosen.text), cls: 'gb-dec-mono' }, { text: percent(s.chosen.p_final) }, { text: s.u === null ? 'greedy' : s.u.toFixed(3) }, { text: showToken(s.top[0]?.text ?? ''), cls: 'gb-dec-mono' }],
    })),
  }));

  function draw(d: GenerateView, opts: GenerateOptions) {
    const picked = opts.picked ?? -1;
    summary.text(summarize(d));
    prompt.text(d.text);
    tokens
      .selectAll<HTMLButtonElement, GenStep>('button')
      .data(d.steps)
      .join((enter) => {
        const b = enter.append('button').attr('type', 'button').attr('class', 'gb-gen-token');
        b.append('span').attr('class', 'gb-gen-piece');
        b.append('span').attr('class', 'gb-gen-p');
        return b;
      })
      .attr('data-token', (_, i) => i + 1)
      .attr('data-forked', (s) => (s.forked ? 'true' : null))
      .attr('aria-pressed', (_, i) => String(i === picked))
      .attr('title', (s) => (s.forked ? 'Your choice' : null))
      .on('click', (_, s) => opts.onPick?.(d.steps.indexOf(s)))
      .call((b) => b.select('.gb-gen-piece').text((s) => s.chosen.text))
      .call((b) => b.select('.gb-gen-p').text((s) => percent(s.chosen.p_final)));

    const step = d.steps[picked];
    alts.attr('hidden', step ? null : true);
    alts.selectAll('*').remove();
    if (step) {
      alts.append('p').text(`Token ${step.position} could have been (model’s probability → after the samplers); choose one to fork the text here:`);
      const list = alts.append('ul').attr('class', 'gb-gen-alt-list');
      list
        .selectAll('li')
        .data(step.top)
        .join('li')
        .append('button')
        .attr('type', 'button')
        .attr('data-alt', (c) => c.id)
        .attr('aria-current', (c) => (c.id === step.chosen.id ? 'true' : null))
        .text((c) => `${showToken(c.text)}  ${percent(c.p_model)} → ${percent(c.p_final)}`)
        .on('click', (_, c) => opts.onFork?.(picked, c.id));
    }

    const width = Math.max(280, Math.round(opts.width ?? 640));
    const n = Math.max(1, d.steps.length);
    const bw = width / Math.max(20, n);
    const y = scaleLinear().domain([0, 1]).range([BAR_H, 4]);
    svg.attr('width', width).attr('height', BAR_H + 16).attr('viewBox', `0 0 ${width} ${BAR_H + 16}`);
    svg
      .selectAll<SVGRectElement, GenStep>('rect')
      .data(d.steps)
      .join('rect')
      .attr('x', (_, i) => i * bw + 1)
      .attr('width', Math.max(1, bw - 2))
      .attr('y', (s) => y(s.chosen.p_final))
      .attr('height', (s) => BAR_H - y(s.chosen.p_final))
      .attr('fill', (s) => (s.forked ? FORKED : BAR));
    svg.selectAll('text').data([0]).join('text').attr('x', 0).attr('y', BAR_H + 13).attr('fill', 'currentColor')
      .text('Probability of each chosen token, after the samplers (0–100 %)');
    table.update(d);
  }

  return redrawn(root, data, options, draw);
}
