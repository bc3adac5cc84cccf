/**
 * Well-known models with their published parameter counts N and training tokens D. A model whose
 * D was not published keeps `D: null` and is listed, not placed. Every number has its source.
 */
export interface NamedModel {
  name: string;
  /** Parameters. */
  N: number;
  /** Training tokens, or null when the authors did not publish it. */
  D: number | null;
  source: string;
  url: string;
  /** Where its label sits beside its dot, so neighbours' labels do not collide: px and anchor. */
  label?: { dx: number; dy: number; anchor: 'start' | 'middle' | 'end' };
}

export const NAMED_MODELS: readonly NamedModel[] = [
  // WebText is 40 GB of text, but the number of tokens seen in training was not published.
  { name: 'GPT-2', N: 1.5e9, D: null, source: 'Radford et al. 2019', url: 'https://cdn.openai.com/better-language-models/language_models_are_unsupervised_multitask_learners.pdf' },
  { name: 'GPT-3', label: { dx: -7, dy: 4, anchor: 'end' }, N: 1.75e11, D: 3e11, source: 'Brown et al. 2020, §2.2', url: 'https://arxiv.org/abs/2005.14165' },
  { name: 'Gopher', label: { dx: 7, dy: 4, anchor: 'start' }, N: 2.8e11, D: 3e11, source: 'Hoffmann et al. 2022, table 1', url: 'https://arxiv.org/abs/2112.11446' },
  { name: 'Chinchilla', label: { dx: 7, dy: 9, anchor: 'start' }, N: 7e10, D: 1.4e12, source: 'Hoffmann et al. 2022, table 1', url: 'https://arxiv.org/abs/2203.15556' },
  { name: 'Llama 2 7B', label: { dx: -7, dy: 4, anchor: 'end' }, N: 7e9, D: 2e12, source: 'Touvron et al. 2023, table 1', url: 'https://arxiv.org/abs/2307.09288' },
  { name: 'Llama 2 13B', label: { dx: 0, dy: -9, anchor: 'middle' }, N: 1.3e10, D: 2e12, source: 'Touvron et al. 2023, table 1', url: 'https://arxiv.org/abs/2307.09288' },
  { name: 'Llama 2 70B', label: { dx: 6, dy: -8, anchor: 'start' }, N: 7e10, D: 2e12, source: 'Touvron et al. 2023, table 1', url: 'https://arxiv.org/abs/2307.09288' },
  // 7.3 B parameters are published; the training data and its size are not.
  { name: 'Mistral 7B', N: 7.3e9, D: null, source: 'Jiang et al. 2023', url: 'https://arxiv.org/abs/2310.06825' },
];
