import { diagram } from '../kit/schema';

/**
 * Every model in src/data/model-timeline.json, then our own: the highlight's choices. Listed
 * here rather than imported, so the element's script does not carry the file; a unit test
 * checks that the two agree.
 */
export const MODELS = ['gpt-1', 'gpt-2', 'gpt-3', 'instructgpt', 'gpt-4', 'chinchilla', 'palm', 'opt', 'bloom', 'llama', 'llama-2', 'mistral-7b', 'falcon', 'gemma', 'llama-3', 'ours'] as const;

export default diagram({
  id: 'model-timeline',
  order: 196,
  title: 'How big the models became: the GPT family and open models',
  chapter: '/abilities/',
  description:
    'Parameters, training tokens or context length against the year of publication, on a log scale, for GPT-1 to GPT-4 and open models from OPT to Llama 3, each number with its source and estimates drawn hollow; our own model is the smallest point.',
  state: {
    y: { kind: 'enum', values: ['params', 'tokens', 'context'], default: 'params', label: 'vertical axis' },
    // Not `model`: links use that key to pin the site's model version (kit/link.ts).
    highlight: { kind: 'enum', values: ['none', ...MODELS], default: 'gpt-3', label: 'highlighted model' },
  },
  fixtures: {
    default: {},
    tokens: { y: 'tokens', highlight: 'chinchilla' },
    context: { y: 'context', highlight: 'ours' },
    'gpt-4-estimate': { highlight: 'gpt-4' },
  },
});
