/**
 * The date the diagram opens on: written for this site, in one of the twelve forms the model
 * learned (training/dates.py), and none of the golden test texts (tests/golden/glassbox-seq2seq.json).
 */
export const SEQ2SEQ_TEXT = 'the 14th of February, 1894';
