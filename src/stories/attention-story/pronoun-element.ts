/**
 * <glassbox-pronoun-probes>: the live side of Pronouns.astro. Near the viewport it asks
 * heads.json (src/model/assets.ts) which head tracks pronouns, runs each probe sentence through
 * the model (the page's memoised trace; the probes are not kept in the memo, so the diagrams'
 * sentences stay there), fills the rows and the section's `coref-*` slots, follows the attention
 * diagram's sentence for `coref-sentence`, and loads a row's sentence into that diagram at the
 * pronoun head when its button is pressed.
 */
import { connectLifecycle, type Lifecycle } from '../../diagrams/kit/lifecycle';
import type { CoreferenceHead } from '../../model/assets';
import type { ModelApi } from '../../model/api';
import { part, DEBOUNCE_MS } from '../scroll-story';
import type { Baselines, ProbeRow } from './pronouns';

type Modules = {
  client: typeof import('../../model/client');
  assets: typeof import('../../model/assets');
  link: typeof import('../../diagrams/attention-heads/link');
  pronouns: typeof import('./pronouns');
  cells: typeof import('./pronoun-cells');
  data: typeof import('./data');
};

async function loadModules(): Promise<Modules> {
  const [client, assets, link, pronouns, cells, data] = await Promise.all([
    import('../../model/client'),
    import('../../model/assets'),
    import('../../diagrams/attention-heads/link'),
    import('./pronouns'),
    import('./pronoun-cells'),
    import('./data'),
  ]);
  return { client, assets, link, pronouns, cells, data };
}

export class GlassboxPronounProbes extends HTMLElement {
  private life: Lifecycle | null = null;

  connectedCallback() {
    this.life = connectLifecycle(this, (life) => void this.start(life));
  }

  disconnectedCallback() {
    this.life?.dispose();
  }

  private async start(life: Lifecycle) {
    const m = await loadModules();
    if (life.disposed) return;
    const status = part(this, 'status');
    const model = m.client.getModel();
    let coref: CoreferenceHead | null;
    try {
      const info = await model.load();
      coref = m.assets.coreferenceHead(await m.assets.headScores(info.id));
    } catch (e) {
      status.textContent = `The live model could not load or run: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    if (life.disposed || !coref) return;
    this.dataset.layer = String(coref.layer + 1);
    this.dataset.head = String(coref.head + 1);
    this.addEventListener('click', (ev) => this.show(ev, m, coref), { signal: life.signal });
    // The full trace, as the diagrams ask for it, so that whoever asks first runs it for all.
    const sentence = m.client.latest((text: string) => model.trace(text));
    const fillSentence = async (text: string) => {
      const tr = text.trim() === '' ? undefined : await sentence(text).catch(() => undefined);
      if (!tr || life.disposed) return;
      const { query, key } = m.data.chooseFocus(tr.tokens);
      const weights = tr.attentions.view(coref.layer, coref.head, query).data;
      this.fill(m.pronouns.pronounFills(coref, this.baselines(), { tokens: tr.tokens, query, key, weights }));
    };
    this.fill(m.pronouns.pronounFills(coref, this.baselines(), null), ['coref-sentence']);
    life.add(m.link.followAttention((s) => life.later('sentence', DEBOUNCE_MS, () => void fillSentence(s.text))));
    try {
      await this.runProbes(m, model, coref, life);
    } catch (e) {
      status.textContent = `The live model could not run the sentences: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    if (life.disposed) return;
    this.dataset.source = 'model';
    status.textContent = 'Live: every number in this table comes from the model running in your browser.';
  }

  /** Each probe once, one after another; the diagram's current sentence comes from the shared memo. */
  private async runProbes(m: Modules, model: ModelApi, c: CoreferenceHead, life: Lifecycle) {
    const probes = m.pronouns.PROBE_GROUPS.flatMap((g) => g.probes);
    const shared = m.link.attentionText();
    for (const [i, probe] of probes.entries()) {
      const tr = probe.text === shared ? await model.trace(probe.text) : await model.trace(probe.text, { outputs: ['attentions'], hold: false });
      if (life.disposed) return;
      const row = m.pronouns.probeRow(probe, tr.tokens, (q) => tr.attentions.view(c.layer, c.head, q).data);
      this.setRow(i, row, m);
    }
  }

  private setRow(i: number, row: ProbeRow | null, m: Modules) {
    const tr = this.querySelector<HTMLElement>(`tr[data-probe="${i}"]`);
    if (!tr) return;
    if (row) tr.dataset.query = String(row.query + 1);
    const cells = m.cells.rowCells(row);
    if (row) tr.dataset.right = String(row.right);
    else delete tr.dataset.right;
    part(tr, 'top').textContent = cells.top;
    part(tr, 'mark').textContent = cells.mark;
    part(tr, 'weight').textContent = cells.weight;
    part(tr, 'verdict').textContent = cells.verdict;
  }

  /** A row's button: its sentence in the attention diagram, at the pronoun head, from the pronoun. */
  private show(ev: Event, m: Modules, c: CoreferenceHead) {
    const button = (ev.target as Element | null)?.closest?.<HTMLElement>('[data-action="show-probe"]');
    if (!button) return;
    const i = Number(button.dataset.probe);
    const tr = this.querySelector<HTMLElement>(`tr[data-probe="${i}"]`);
    const text = tr?.dataset.text;
    if (text === undefined) return;
    const token = Number(tr?.dataset.query) || undefined;
    m.link.selectInAttention({ text, layer: c.layer + 1, head: c.head + 1, ...(token ? { token } : {}) });
    const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    document.querySelector('[data-diagram="attention"]')?.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
  }

  private baselines(): Baselines | null {
    try {
      return this.dataset.baselines ? (JSON.parse(this.dataset.baselines) as Baselines) : null;
    } catch {
      return null;
    }
  }

  /** Set the page's `coref-*` slots; `skip`: keys left as they are. */
  private fill(values: Record<string, string>, skip: string[] = []) {
    document.querySelectorAll<HTMLElement>('[data-fill^="coref-"]').forEach((el) => {
      const k = el.dataset.fill ?? '';
      if (k in values && !skip.includes(k)) el.textContent = values[k];
    });
  }
}

if (!customElements.get('glassbox-pronoun-probes')) {
  customElements.define('glassbox-pronoun-probes', GlassboxPronounProbes);
}
