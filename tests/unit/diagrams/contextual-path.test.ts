// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import example from '../../../src/data/examples/contextual-path.json';
import { buildCloud } from '../../../src/diagrams/kit/orbit/cloud';
import { pathStats, type PathView } from '../../../src/diagrams/contextual-path/data';
import { render } from '../../../src/diagrams/contextual-path/render';
import { readCatalogue } from '../../../src/model/node';
import { nodeEmbeddings } from '../../../src/model/weights-node';

const config = JSON.parse(readFileSync(`public/models/${readCatalogue().default}/config.json`, 'utf8'));
let view: PathView;
beforeAll(async () => {
  // The shipped example (made by the model; tests/unit/model/examples.test.ts keeps it current).
  view = { model: example.model, word: example.word, a: example.a, b: example.b, basis: buildCloud(await nodeEmbeddings()).basis };
});
afterEach(() => document.body.replaceChildren());

describe('contextual-path render (no 3D)', () => {
  it('draws both paths, rings the chosen layer, and tabulates every layer', () => {
    const root = document.body.appendChild(document.createElement('div'));
    const chart = render(root, view, { layer: 2, width: 720 });
    const L1 = config.n_layer + 1;
    expect(root.querySelectorAll('.gb-cp-pt')).toHaveLength(2 * L1);
    expect([...root.querySelectorAll('.gb-cp-pt.is-selected')].map((g) => g.getAttribute('data-layer'))).toEqual(['2', '2']);
    expect(root.querySelectorAll('tbody tr')).toHaveLength(L1);
    const s = pathStats(view);
    expect(root.querySelector('tbody tr:last-child td:last-child')?.textContent).toBe(s.cos[L1 - 1].toFixed(3));
    chart.update({ ...view, word: 'zebra', b: { ...view.b, at: -1, states: [] } });
    expect(root.querySelector('.gb-cp-summary')?.textContent).toMatch(/is not one of the tokens of “/);
    chart.destroy();
    expect(root.childElementCount).toBe(0);
  });
});
