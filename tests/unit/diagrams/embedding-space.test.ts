// @vitest-environment jsdom
import { PerspectiveCamera, Vector3 } from 'three';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FOV, eye, normalizeCamera, pick, projectAll, projector, type Vec3 } from '../../../src/diagrams/kit/orbit/camera';
import { buildCloud, exportOf, neighboursOf, searchTokens, type Cloud, type EmbeddingState } from '../../../src/diagrams/kit/orbit/cloud';
import { render, type EmbeddingView } from '../../../src/diagrams/embedding-space/render';
import embeddingSpace from '../../../src/diagrams/embedding-space/entry';
import { defaults } from '../../../src/diagrams/kit/state';
import { ARCH } from '../../../src/model/architecture';
import type { Embeddings } from '../../../src/model/weights';
import { nodeEmbeddings } from '../../../src/model/weights-node';

let emb: Embeddings;
let cloud: Cloud;
beforeAll(async () => {
  emb = await nodeEmbeddings();
  cloud = buildCloud(emb);
}, 60_000);

afterEach(() => document.body.replaceChildren());

describe('camera', () => {
  it('projects exactly as a Three.js PerspectiveCamera looking at the target', () => {
    const target: Vec3 = [0.2, -0.1, 0.3];
    const [w, h] = [800, 500];
    for (const c of [
      { yaw: 30, pitch: 20, distance: 3 },
      { yaw: -120.5, pitch: -60, distance: 0.7 },
      { yaw: 180, pitch: 85, distance: 9 },
    ]) {
      const cam = new PerspectiveCamera(FOV, w / h, 0.01, 100);
      cam.position.set(...eye(c, target));
      cam.lookAt(...target);
      cam.updateMatrixWorld();
      const p = projector(c, target, w, h);
      for (const pt of [
        [0, 0, 0],
        [0.5, 0.3, -0.2],
        [-0.4, 0.9, 0.1],
      ] as Vec3[]) {
        const v = new Vector3(...pt).project(cam);
        const [x, y] = p.project(pt);
        expect(x).toBeCloseTo(((v.x + 1) / 2) * w, 3);
        expect(y).toBeCloseTo(((1 - v.y) / 2) * h, 3);
      }
    }
  });

  it('wraps yaw, clamps pitch and distance to the URL bounds', () => {
    expect(normalizeCamera({ yaw: 190, pitch: 99, distance: 50 })).toEqual({ yaw: -170, pitch: 85, distance: 12 });
    expect(normalizeCamera({ yaw: -180, pitch: -3.14159, distance: 0.01 })).toEqual({ yaw: 180, pitch: -3.1, distance: 0.2 });
  });

  it('picks the nearest point on screen within the radius, never one behind the camera', () => {
    const screen = new Float32Array([10, 10, 1, 14, 10, 1, 11, 10, -1, 100, 100, 2]);
    expect(pick(screen, 11, 10, 8)).toBe(0);
    expect(pick(screen, 13, 10, 8)).toBe(1);
    expect(pick(screen, 60, 60, 8)).toBe(-1);
    const p = projector({ yaw: 0, pitch: 0, distance: 2 }, [0, 0, 0], 200, 100);
    expect(Array.from(projectAll(new Float32Array([0, 0, 0]), p))).toEqual([100, 50, 2]);
  });
});

describe('embedding data', () => {
  it('neighbours equal a brute-force cosine search over the shipped wte, at 1e-5', () => {
    const [n, d] = emb.wte.shape;
    const w = emb.wte.data;
    for (const token of [searchTokens(emb.vocab, 'king')[0], 101, n - 1]) {
      const len = (r: number) => Math.hypot(...w.subarray(r * d, (r + 1) * d));
      const all: { id: number; cosine: number }[] = [];
      for (let r = 0; r < n; r++) {
        if (r === token) continue;
        let dot = 0;
        for (let c = 0; c < d; c++) dot += w[token * d + c] * w[r * d + c];
        all.push({ id: r, cosine: dot / (len(token) * len(r)) });
      }
      all.sort((a, b) => b.cosine - a.cosine);
      const got = neighboursOf(emb, token, cloud.norms);
      expect(got.map((x) => x.id)).toEqual(all.slice(0, 10).map((x) => x.id));
      got.forEach((x, i) => expect(Math.abs(x.cosine - all[i].cosine)).toBeLessThanOrEqual(1e-5));
      expect(got.map((x) => x.text)).toEqual(got.map((x) => emb.vocab[x.id]));
    }
    expect(neighboursOf(emb, -1)).toEqual([]);
  });

  it('scales the cloud so ±3 standard deviations of PC1 span ±1', () => {
    let s2 = 0;
    for (let i = 0; i < cloud.n; i++) s2 += cloud.coords[i * 3] ** 2;
    expect(Math.sqrt(s2 / (cloud.n - 1))).toBeCloseTo(1 / 3, 4);
    expect(cloud.projection.explainedVarianceRatio[0]).toBeGreaterThan(cloud.projection.explainedVarianceRatio[1]);
  });

  it('search puts exact text first, then prefixes, then substrings', () => {
    const vocab = ['kingdom', ' king', 'king', 'making', ' King', 'x'];
    expect(searchTokens(vocab, 'king')).toEqual([2, 1, 4, 0, 3]);
    expect(searchTokens(vocab, '  ')).toEqual([]);
  });

  it('exports state, model, projection and neighbours', () => {
    const state = { ...defaults(embeddingSpace.state), token: 101 } as EmbeddingState;
    const ns = neighboursOf(emb, 101, cloud.norms);
    const out = exportOf(state, 'model', emb, cloud, ns, [{ index: 0, id: 101, text: 'e' }]);
    expect(out.token).toEqual({ id: 101, text: emb.vocab[101] });
    expect(out.projection.method).toBe('pca');
    expect(out.projection.explainedVariance).toHaveLength(3);
    expect(out.neighbours).toBe(ns);
    expect(out.sentence[0].position).toEqual(Array.from(cloud.coords.subarray(303, 306), (x) => Number(x.toFixed(6))));
  });
});

function view(token: number): EmbeddingView {
  return {
    model: emb.model,
    vocab: emb.vocab,
    matrix: { rows: cloud.n, dims: cloud.d },
    coords: null,
    projection: cloud.projection,
    token,
    neighbours: neighboursOf(emb, token, cloud.norms),
    sentence: [
      { index: 0, id: 101, text: emb.vocab[101] },
      { index: 1, id: 97, text: emb.vocab[97] },
    ],
  };
}

describe('embedding-space render (text parts)', () => {
  const camera = { yaw: 30, pitch: 20, distance: 3 };

  it('lists the neighbours as buttons and in the table, and summarises the view', () => {
    const root = document.body.appendChild(document.createElement('div'));
    const onSelect = vi.fn();
    render(root, view(101), { camera, home: camera, onSelect });
    const v = view(101);
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('.gb-es-neighbours button')];
    expect(buttons.map((b) => Number(b.dataset.tokenId))).toEqual(v.neighbours.map((n) => n.id));
    const ids = [...root.querySelectorAll('table')].find((t) => t.caption?.textContent?.includes('Nearest'))!;
    expect([...ids.querySelectorAll('tbody tr td:nth-child(3)')].map((td) => Number(td.textContent))).toEqual(v.neighbours.map((n) => n.id));
    expect(root.querySelector('.gb-es-summary')?.textContent).toMatch(
      new RegExp(`^${ARCH.vocab.toLocaleString('en-GB')} tokens of .* ${ARCH.width} numbers each, projected to 3D by PCA \\(the axes keep [\\d.]+%, [\\d.]+%, [\\d.]+% of the variance\\)\\. Selected “e” \\(id 101\\)`),
    );
    buttons[2].click();
    expect(onSelect).toHaveBeenCalledWith(v.neighbours[2].id);
  });

  it('draws the sentence as tokens that arrow keys move between', () => {
    const root = document.body.appendChild(document.createElement('div'));
    const onSelect = vi.fn();
    const chart = render(root, view(-1), { camera, home: camera, onSelect });
    expect(root.querySelectorAll('.gb-es-neighbours button')).toHaveLength(0);
    expect(root.querySelector('.gb-es-summary')?.textContent).toContain('No token selected.');
    const tokens = [...root.querySelectorAll<HTMLButtonElement>('[data-token]')];
    expect(tokens.map((t) => t.dataset.token)).toEqual(['1', '2']);
    tokens[0].focus();
    tokens[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(document.activeElement).toBe(tokens[1]);
    expect(onSelect).toHaveBeenLastCalledWith(97);
    chart.update(view(97));
    expect(root.querySelector('[aria-pressed="true"]')?.getAttribute('data-token')).toBe('2');
    chart.destroy();
    expect(root.childElementCount).toBe(0);
  });
});
