/**
 * The paragraph the reader's tiny model trains on by default, written for this project (so it
 * can be shipped and changed freely). Plain ASCII keeps the alphabet small, about 40 characters.
 */
export const TRAIN_TEXT =
  'the cat sat on the mat. the dog sat on the rug. the cat saw the dog and the dog saw the cat. ' +
  'a small bird sang in the tree, and the cat looked up at the bird. the dog ran to the door, and the door was shut. ' +
  'the sun was warm on the mat, so the cat slept on the mat and the dog slept on the rug. ' +
  'in the morning the bird sang again, the dog ran again, and the cat sat on the mat again.';
