/**
 * The few-shot pattern prompt beside the copying demo: a rule shown by two examples, and whether
 * the model's top guess starts the answer the rule asks for. Pure; no model import.
 */

/** The prompt (written for this project) and the answer its rule asks for, leading space included. */
export const FEW_SHOT = { prompt: 'apple → APPLE, pear → PEAR, plum →', expected: ' PLUM' } as const;

export interface FewShot {
  prompt: string;
  expected: string;
  /** The model's five most likely next tokens, most likely first; p in [0, 1]. */
  top: { id: number; text: string; p: number }[];
  /** The top guess is a start of the expected answer (with at least one letter, so a bare space does not count). */
  right: boolean;
}

export function fewShotOf(top: readonly { id: number; text: string; p: number }[], f: { prompt: string; expected: string } = FEW_SHOT): FewShot {
  const first = top[0];
  const right = !!first && /[A-Za-z]/.test(first.text) && f.expected.startsWith(first.text);
  return { prompt: f.prompt, expected: f.expected, top: top.map(({ id, text, p }) => ({ id, text, p })), right };
}
