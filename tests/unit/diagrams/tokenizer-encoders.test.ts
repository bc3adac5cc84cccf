/**
 * The site's tokenizers against independent references: the OpenAI encodings (js-tiktoken, as
 * bundled) against gpt-tokenizer, and the build-time Glassbox tokens (pure merge replay) against
 * the shipped tokenizer.json through transformers.js.
 */
import { readFileSync } from 'node:fs';
import { encode as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { encode as gpt2 } from 'gpt-tokenizer/encoding/gpt2';
import { encode as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { buildTimeTokens } from '../../../src/diagrams/kit/tokenizers/example';
import { tiktokenize } from '../../../src/diagrams/kit/tokenizers/tiktoken';
import { TIKTOKEN_VERSION } from '../../../src/diagrams/kit/tokenizers/tokenizers';
import { nodeTokenizer } from '../../../src/model/node';
import { TRICKY_TEXTS } from './tricky-texts';

const REFERENCE = { gpt2, cl100k, o200k } as const;
const utf8 = (s: string) => [...new TextEncoder().encode(s)];

describe('OpenAI encodings (js-tiktoken) against gpt-tokenizer', () => {
  it('bundles the js-tiktoken version it reports', () => {
    const pkg = JSON.parse(readFileSync('node_modules/js-tiktoken/package.json', 'utf8'));
    expect(pkg.version).toBe(TIKTOKEN_VERSION);
  });

  for (const name of ['gpt2', 'cl100k', 'o200k'] as const) {
    it(`${name}: same ids on every tricky text, and the token bytes add up to the text`, async () => {
      for (const [what, text] of Object.entries(TRICKY_TEXTS)) {
        const r = await tiktokenize(name, text);
        expect(r.tokens.map((t) => t.id), `${name} ${what}`).toEqual(REFERENCE[name](text));
        expect(r.tokens.flatMap((t) => t.bytes), `${name} ${what}`).toEqual(utf8(text));
      }
      expect((await tiktokenize(name, '')).tokens).toEqual([]);
    });
  }

  it('encodes special-token text as ordinary text instead of throwing', async () => {
    const r = await tiktokenize('cl100k', 'a <|endoftext|> b');
    expect(r.tokens.map((t) => t.id)).not.toContain(100257);
    expect(r.tokens.flatMap((t) => t.bytes)).toEqual(utf8('a <|endoftext|> b'));
  });
});

describe('Glassbox build-time tokens against transformers.js', () => {
  it('gives the ids and bytes of the shipped tokenizer on every tricky text', async () => {
    const tok = nodeTokenizer();
    for (const [what, text] of Object.entries(TRICKY_TEXTS)) {
      const live = (await tok.encode(text)).tokens;
      const built = (await buildTimeTokens('glassbox', text)).tokens;
      expect(built.map((t) => t.id), what).toEqual(live.map((t) => t.id));
      expect(built.map((t) => [t.bytes, t.rank]), what).toEqual(live.map((t) => [t.bytes, t.merge]));
    }
  });
});
