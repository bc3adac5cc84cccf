/**
 * The generated stories in the training mix (training/stories.py) must not teach the model the
 * site's own examples: a reader who sees "it" → "cat" on the attention chapter is seeing a
 * mechanism the model learned, not a sentence it memorised. This runs the recipe's generator with
 * the recipe's defaults (the exact text prepare.py writes) and looks for every default sentence of
 * every diagram and example, and for any run of five of their words, in it.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diagrams } from '../../../src/diagrams/registry';
import { EXAMPLE_TEXTS } from '../../../src/model/examples';
import { PROBE_TEXTS } from '../../../src/stories/attention-story/pronouns';

const root = process.cwd();
const words = (s: string): string[] => s.toLowerCase().match(/[a-z0-9']+/g) ?? [];

/** Every text a page shows by default: schema defaults, fixtures, example texts, chapter props, the attention chapter's pronoun probes. */
function siteTexts(): string[] {
  const out = new Set<string>([...Object.values(EXAMPLE_TEXTS), ...PROBE_TEXTS]);
  for (const d of diagrams) {
    for (const f of Object.values(d.state)) if (f.kind === 'string' && typeof f.default === 'string') out.add(f.default);
    for (const fx of Object.values(d.fixtures)) {
      for (const v of Object.values(fx as Record<string, unknown>)) if (typeof v === 'string') out.add(v);
    }
  }
  const chapters = join(root, 'src', 'content', 'chapters');
  for (const f of readdirSync(chapters)) {
    for (const m of readFileSync(join(chapters, f), 'utf8').matchAll(/\btext="([^"]+)"/g)) out.add(m[1]!);
  }
  return [...out].filter((t) => words(t).length >= 5);
}

function stories(): string {
  // The defaults prepare.py passes (--story-words, --story-seed) are stories.py's own.
  return execFileSync('/usr/bin/python3', [join(root, 'training', 'stories.py')], { maxBuffer: 64 << 20 }).toString();
}

describe('the generated training stories', () => {
  const text = stories();
  const grams = new Set<string>();
  const w = words(text);
  for (let i = 0; i + 5 <= w.length; i++) grams.add(w.slice(i, i + 5).join(' '));

  it('are the size prepare.py writes (so this checks the real text)', () => {
    expect(w.length).toBeGreaterThan(2_900_000);
  });

  it('never contain a default text of the site, nor five words in a row of one', () => {
    const texts = siteTexts();
    expect(texts).toContain(EXAMPLE_TEXTS.attention);
    const hits = texts.flatMap((t) => {
      const tw = words(t);
      return tw.flatMap((_, i) => (i + 5 <= tw.length && grams.has(tw.slice(i, i + 5).join(' ')) ? [`${t}: ${tw.slice(i, i + 5).join(' ')}`] : []));
    });
    expect(hits).toEqual([]);
  });

  it('can fail: a five-word run of the stories is found', () => {
    expect(grams.has(w.slice(100, 105).join(' '))).toBe(true);
  });

  it('leave out the words of the headline example ("mat", "tired", "sat")', () => {
    for (const banned of ['mat', 'tired', 'sat']) expect(w.includes(banned), banned).toBe(false);
  });
});
