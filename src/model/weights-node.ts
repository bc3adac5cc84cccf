/**
 * The weight side files in Node (tests, build-time rendering): the same parser as the page,
 * reading `public/models/` from disk. Kept apart from node.ts so a build-time import does not
 * load transformers.js.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readEmbeddings, type Embeddings } from './weights';

export const MODELS_DIR = resolve(process.cwd(), 'public/models');

const memo = new Map<string, Promise<Embeddings>>();

export function nodeEmbeddings(dir = MODELS_DIR): Promise<Embeddings> {
  let p = memo.get(dir);
  if (!p) {
    p = readEmbeddings({
      json: async (path) => JSON.parse(await readFile(join(dir, path), 'utf8')),
      bytes: async (path) => {
        const b = await readFile(join(dir, path));
        // A fresh, exactly-sized buffer: Node may pool small reads inside a larger one.
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
      },
    });
    memo.set(dir, p);
  }
  return p;
}
