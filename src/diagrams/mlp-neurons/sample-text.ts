/**
 * The built-in sample text the mlp-neurons view searches for each neuron's strongest tokens.
 * Written for Glassbox by the project (2026) and released with the site's code; it is not taken
 * from the training corpus or any other source, so a neuron firing on it is not recall of a
 * passage it was trained on. Each passage fits the model's 256-token context.
 */
export const SAMPLE_SOURCE =
  'Three short passages written for Glassbox by its authors in 2026 (not from the training corpus; released with the site’s code).';

export const SAMPLE_PASSAGES: readonly { title: string; text: string }[] = [
  {
    title: 'The harbour',
    text:
      'On Tuesday morning the fog lay thick over the harbour. Maria walked down to the boats at six, ' +
      'carrying two loaves of bread and a small tin of coffee. The old captain was already there, mending a net ' +
      'with his thick brown fingers. "Will it clear by noon?" she asked him. He looked at the grey water for a long ' +
      'time before he answered. "Perhaps. The wind has turned to the west, and the gulls are flying low." ' +
      'They waited together on the stone wall while the bells of the church rang seven, then eight. ' +
      'At last a pale sun broke through, and the first boat slipped out past the lighthouse.',
  },
  {
    title: 'The letter',
    text:
      'Dear Thomas, thank you for your letter of the 3rd of March, which reached me only yesterday. ' +
      'I am sorry to hear that your brother has been ill, and I hope he is much better now. ' +
      'Here the winter has been long and cold. We burned almost forty pounds of coal in January alone, ' +
      'and the river froze so hard that the children skated on it for three weeks. ' +
      'My mother sends her love. She says that you must come to visit us in the summer, when the garden is full of ' +
      'roses and the apples are ripe. Write to me soon, and tell me all your news. Your friend, Anna.',
  },
  {
    title: 'The soup',
    text:
      'To make the soup for four people, you will need three onions, two carrots, a large potato and a litre of water. ' +
      'First cut the onions into thin slices and cook them slowly in butter for ten minutes, until they are soft and golden. ' +
      'Then add the carrots and the potato, cut into small pieces, with a pinch of salt. ' +
      'Pour in the water and let it boil. After twenty minutes, test the potato with a knife: if it is soft, the soup is ready. ' +
      'Some cooks add a spoonful of cream at the end, but my grandfather never did. ' +
      'He said that good soup needs only patience, a sharp knife and a hungry family.',
  },
];
