/**
 * Made-up window data with the real shape, for the next-token view tests: four tokens, three
 * scored positions, one per rank band it exercises. Built through the real builder from
 * hand-written logits, so p, loss and rank are consistent with each other.
 */
import { buildWindow, type WindowData } from '../../../src/diagrams/kit/window/data';

const VOCAB = ['The', ' cat', ' sat', ' on', ' mat', ' dog', '\n', ' the', ' a', ' floor', ' chair', ' bed'];
export const decode = (id: number) => VOCAB[id] ?? `<${id}>`;

/** The cat sat on: token ids 0, 1, 2, 3. V = 12. */
const IDS = [0, 1, 2, 3];
const V = VOCAB.length;

function rows(): Float32Array {
  const l = new Float32Array(IDS.length * V);
  // Row 0 (after "The"): " cat" is 3rd of 12 → rank 3, band top10.
  l.set([0, 2, 0, 0, 0, 3, 0, 0, 2.5, 0, 0, 0], 0);
  // Row 1 (after "The cat"): " sat" is the top guess.
  l.set([0, 0, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0], V);
  // Row 2 (after "The cat sat"): " on" is last of all → rank 12.
  l.set([1, 1, 1, -2, 1, 1, 1, 1, 1, 1, 1, 1], 2 * V);
  return l;
}

export function windowFixture(text = 'The cat sat on'): WindowData {
  return buildWindow(
    {
      model: { id: 'test-model', version: 'v0' },
      text,
      truncated: false,
      tokens: IDS.map((id) => ({ id, text: VOCAB[id] })),
      logits: { data: rows(), shape: [IDS.length, V] },
    },
    decode,
  );
}

export function emptyFixture(tokens: number): WindowData {
  const ids = IDS.slice(0, tokens);
  return buildWindow(
    {
      model: { id: 'test-model', version: 'v0' },
      text: ids.map((i) => VOCAB[i]).join(''),
      truncated: false,
      tokens: ids.map((id) => ({ id, text: VOCAB[id] })),
      logits: { data: new Float32Array(ids.length * V), shape: [ids.length, V] },
    },
    decode,
  );
}

export function mount(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  return root;
}
