/** public/models/ follows the model contract in DESIGN.md §4. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARCH } from '../../../src/model/architecture';
import { entryFolder, modelRef } from '../../../src/model/catalogue';
import { MODELS_DIR, readCatalogue } from '../../../src/model/node';

const FILE_FOR_DTYPE = { fp32: 'onnx/model.onnx', fp16: 'onnx/model_fp16.onnx', q8: 'onnx/model_quantized.onnx' } as const;
const BUDGET_BYTES = 8 * 1024 * 1024;

describe('models.json', () => {
  const cat = readCatalogue();

  it('names a default that it lists, in its own folder <id>/', () => {
    const current = cat.models.filter((m) => m.id === cat.default && !m.archived);
    expect(current).toHaveLength(1);
    expect(current[0].path).toBeUndefined();
    // Readers outside src/model take the first entry with the default id: it must be the current one.
    expect(cat.models.find((m) => m.id === cat.default)).toBe(current[0]);
  });

  it('lists each version once; a kept version lives in <id>@<version>/ and is marked archived', () => {
    const refs = cat.models.map(modelRef);
    expect(new Set(refs).size).toBe(refs.length);
    for (const m of cat.models) {
      if (m.path !== undefined || m.archived) {
        expect(m.archived, modelRef(m)).toBe(true);
        expect(m.path, modelRef(m)).toBe(`${modelRef(m)}/`);
      }
    }
  });

  it('keeps what an old link loads for every archived version: q8 ONNX, tokenizer and config', () => {
    for (const m of cat.models.filter((e) => e.archived)) {
      for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', FILE_FOR_DTYPE[m.dtype]]) {
        expect(existsSync(`${MODELS_DIR}/${entryFolder(m)}${f}`), `${modelRef(m)}: ${f}`).toBe(true);
      }
      // The version is the file's hash, so a kept folder cannot silently hold another model.
      const file = readFileSync(`${MODELS_DIR}/${entryFolder(m)}${FILE_FOR_DTYPE[m.dtype]}`);
      expect(m.bytes).toBe(file.length);
      expect(m.version).toBe(createHash('sha256').update(file).digest('hex').slice(0, 12));
    }
  });

  describe.each(cat.models.filter((m) => !m.archived).map((m) => [m.id, m] as const))('%s', (id, m) => {
    const dir = `${MODELS_DIR}/${entryFolder(m).replace(/\/$/, '')}`;
    const file = `${dir}/${FILE_FOR_DTYPE[m.dtype]}`;

    it('points at the file transformers.js loads for its dtype, with its true size and hash', () => {
      expect(existsSync(file)).toBe(true);
      expect(m.bytes).toBe(statSync(file).size);
      expect(m.version).toBe(createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12));
    });

    it('fits the 8 MB budget for the default variant', () => {
      if (id === cat.default) expect(m.bytes).toBeLessThanOrEqual(BUDGET_BYTES);
    });

    it('ships the Hub layout: config, tokenizer, generation config, card, log, fp32 reference, side files', () => {
      for (const f of ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'MODEL.md',
        'training-log.json', 'heads.json', 'weights.json', 'onnx/model.onnx']) {
        expect(existsSync(`${dir}/${f}`), f).toBe(true);
      }
      const config = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'));
      expect(config.model_type).toBe('gpt2');
      expect(config.tie_word_embeddings).toBe(true);
      const weights = JSON.parse(readFileSync(`${dir}/weights.json`, 'utf8'));
      // wte: int8 values (1 byte each) and one float32 scale per token row.
      expect(statSync(`${dir}/${weights.wte.file}`).size).toBe(config.vocab_size * config.n_embd);
      expect(statSync(`${dir}/${weights.wte.scales}`).size).toBe(config.vocab_size * 4);
      expect(statSync(`${dir}/${weights.wpe.file}`).size).toBe(config.n_positions * config.n_embd * 4);
      expect(weights.ln_f.weight).toHaveLength(config.n_embd);
    });
  });
});

describe('the architectures chapter\'s companion models in models.json', () => {
  const cat = readCatalogue();
  const MODEL_TYPE = { encoder: 'roberta', seq2seq: 'bart' } as const;

  it('lists at most one model per role, each an encoder or an encoder-decoder', () => {
    const roles = (cat.companions ?? []).map((c) => c.role);
    expect(new Set(roles).size).toBe(roles.length);
    for (const r of roles) expect(['encoder', 'seq2seq']).toContain(r);
    expect(roles).toContain('seq2seq');
  });

  describe.each((cat.companions ?? []).map((c) => [c.id, c] as const))('%s', (id, c) => {
    const dir = `${MODELS_DIR}/${id}`;

    it('names its files with their true sizes, and a version that is their hash', () => {
      const h = createHash('sha256');
      for (const f of c.files) {
        const data = readFileSync(`${dir}/${f.file}`);
        expect(f.bytes, f.file).toBe(data.length);
        h.update(data);
      }
      expect(c.bytes).toBe(c.files.reduce((s, f) => s + f.bytes, 0));
      expect(c.version).toBe(h.digest('hex').slice(0, 12));
    });

    it('fits the 8 MB budget and ships the Hub layout transformers.js loads', () => {
      expect(c.bytes).toBeLessThanOrEqual(BUDGET_BYTES);
      for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'MODEL.md', 'training-log.json']) {
        expect(existsSync(`${dir}/${f}`), f).toBe(true);
      }
      expect(JSON.parse(readFileSync(`${dir}/config.json`, 'utf8')).model_type).toBe(MODEL_TYPE[c.role]);
    });
  });
});

describe('the site\'s architecture constants (src/model/architecture.ts)', () => {
  it('are the default model\'s config.json, so URL bounds and prose follow a retrained model', () => {
    const cat = readCatalogue();
    const config = JSON.parse(readFileSync(`${MODELS_DIR}/${cat.default}/config.json`, 'utf8'));
    expect(ARCH).toEqual({
      layers: config.n_layer,
      heads: config.n_head,
      width: config.n_embd,
      headDim: config.n_embd / config.n_head,
      mlp: config.n_inner ?? 4 * config.n_embd,
      context: config.n_positions,
      vocab: config.vocab_size,
      params: expect.any(Number),
    });
    expect(Number.isInteger(ARCH.headDim)).toBe(true);
  });
});
