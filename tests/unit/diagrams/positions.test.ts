// @vitest-environment jsdom
import { crc32, inflateSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportPositions, positionsView, tableDistances, type PositionsView } from '../../../src/diagrams/positions/data';
import { indexedPng } from '../../../src/diagrams/positions/png';
import { render } from '../../../src/diagrams/positions/render';
import { cosine, sinusoidalPositions } from '../../../src/math/index';
import { nodeEmbeddings } from '../../../src/model/weights-node';
import type { Embeddings } from '../../../src/model/weights';

let emb: Embeddings;
beforeAll(async () => {
  emb = await nodeEmbeddings();
});
afterEach(() => document.body.replaceChildren());

describe('indexedPng', () => {
  it('writes a valid PNG: signature, chunk CRCs, and pixel rows zlib inflates back to', () => {
    const index = Uint8Array.from({ length: 5 * 3 }, (_, i) => i % 4);
    const url = indexedPng(index, 5, 3, [
      [0, 0, 0],
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
    ]);
    const bytes = Buffer.from(url.replace('data:image/png;base64,', ''), 'base64');
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const chunks: Record<string, Buffer> = {};
    for (let o = 8; o < bytes.length; ) {
      const len = bytes.readUInt32BE(o);
      const type = bytes.subarray(o + 4, o + 8).toString('latin1');
      const data = bytes.subarray(o + 8, o + 8 + len);
      expect(bytes.readUInt32BE(o + 8 + len), `${type} CRC`).toBe(crc32(bytes.subarray(o + 4, o + 8 + len)));
      chunks[type] = data;
      o += 12 + len;
    }
    expect(Object.keys(chunks)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    expect(chunks.IHDR.readUInt32BE(0)).toBe(5);
    expect(chunks.IHDR.readUInt32BE(4)).toBe(3);
    const raw = inflateSync(chunks.IDAT);
    const rows = [0, 1, 2].map((y) => [...raw.subarray(y * 6 + 1, y * 6 + 6)]);
    expect(rows.flat()).toEqual([...index]);
  });
});

describe('positions data', () => {
  it('compares the formula with the shipped wpe, distance by distance', () => {
    const v = positionsView(emb.model, emb.wpe, { positions: 16, dims: 8 });
    const [P, d] = emb.wpe.shape;
    expect([v.context, v.d]).toEqual([P, d]);
    expect(v.sinusoidal).toEqual(sinusoidalPositions(P, d));
    expect(v.cosLearned[0]).toBeCloseTo(1, 6);
    // Δ = 3 by hand: the mean over the 13 pairs (i, i + 3) inside the first 16 positions.
    const row = (i: number) => emb.wpe.data.subarray(i * d, (i + 1) * d);
    let s = 0;
    for (let i = 0; i + 3 < 16; i++) s += cosine(row(i), row(i + 3));
    expect(v.cosLearned[3]).toBeCloseTo(s / 13, 9);
    const out = exportPositions({ positions: 16, dims: 8 }, 'model', v);
    expect(out.heatmaps.learned).toHaveLength(16);
    expect(out.heatmaps.learned[2]).toEqual(Array.from(row(2).subarray(0, 8), (x) => Number(x.toFixed(4))));
    expect(tableDistances(16)).toEqual([1, 2, 4, 8]);
  });
});

describe('positions render', () => {
  function view(): PositionsView {
    return positionsView(emb.model, emb.wpe, { positions: 32, dims: 16 });
  }

  it('draws two heatmaps, two lines and the table of cosines', () => {
    const root = document.body.appendChild(document.createElement('div'));
    const v = view();
    render(root, v, { width: 640 });
    expect([...root.querySelectorAll('[data-map]')].map((g) => g.getAttribute('data-map'))).toEqual(['sinusoidal', 'learned']);
    for (const img of root.querySelectorAll('image')) expect(img.getAttribute('href')).toMatch(/^data:image\/png;base64,/);
    expect(root.querySelectorAll('path.gb-pos-line')).toHaveLength(2);
    const rows = [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));
    expect(rows).toEqual([1, 2, 4, 8, 16].map((k) => [String(k), v.cosSinusoidal[k].toFixed(3), v.cosLearned[k].toFixed(3)]));
    expect(root.querySelector('.gb-pos-summary')?.textContent).toContain(`${v.cosLearned[31].toFixed(3)} in ${emb.model.id}'s learned one`);
  });

  it('reads each distance with ← → on the focused chart', () => {
    const root = document.body.appendChild(document.createElement('div'));
    const v = view();
    const chart = render(root, v, { width: 640 });
    const g = root.querySelector<SVGGElement>('.gb-pos-cos')!;
    g.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    g.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(root.querySelector('.gb-pos-readout')?.textContent).toBe(
      `Positions 2 apart: cosine ${v.cosSinusoidal[2].toFixed(3)} (sinusoidal), ${v.cosLearned[2].toFixed(3)} (learned).`,
    );
    chart.update(positionsView(emb.model, emb.wpe, { positions: 8, dims: 8 }));
    expect(root.querySelectorAll('tbody tr')).toHaveLength(3);
    chart.destroy();
    expect(root.childElementCount).toBe(0);
  });
});
