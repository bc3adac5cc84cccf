/**
 * The quiz's question ids and the `set` parser, with no imports, so the page's element can read
 * a link's set (and note unknown ids) before the questions' code loads. tests/unit/diagrams/quiz
 * holds these ids equal to the questions' own.
 */

/** The tutorial's five themes. */
export const TUTORIAL_IDS = ['tutorial-next-token', 'tutorial-tokenization', 'tutorial-attention', 'tutorial-in-context', 'tutorial-hallucination'] as const;

/** The chapters in the site's order (DESIGN.md §2); each has one question, `chapter-<slug>`. */
export const CHAPTERS = ['next-token', 'tokenization', 'embeddings', 'attention', 'layers', 'decoding', 'training', 'scaling-laws', 'abilities', 'architectures'] as const;

/** Every question id in quiz order: the tutorial's five, then one per chapter in chapter order. */
export const ALL_IDS: readonly string[] = [...TUTORIAL_IDS, ...CHAPTERS.map((c) => `chapter-${c}`)];

/** The chapter questions that need no model: their answers are a formula's or a fact. */
export const FIXED_CHAPTER_IDS: readonly string[] = ['chapter-scaling-laws', 'chapter-architectures'];

/** Whether a question's answer comes from the model. */
export function asksModel(id: string): boolean {
  return id.startsWith('chapter-') && !FIXED_CHAPTER_IDS.includes(id);
}

/** The ids a `set` names, in its order, unknown ones and repeats noted; '' is the whole quiz. */
export function parseSet(set: string): { ids: string[]; notes: string[] } {
  const raw = set
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (raw.length === 0) return { ids: [...ALL_IDS], notes: [] };
  const ids: string[] = [];
  const notes: string[] = [];
  for (const id of raw) {
    if (!ALL_IDS.includes(id)) notes.push(`set: “${Array.from(id).slice(0, 40).join('')}” is not a question of this quiz; it was left out.`);
    else if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) {
    notes.push('set: no known question was named, so the whole quiz is shown.');
    return { ids: [...ALL_IDS], notes };
  }
  return { ids, notes };
}
