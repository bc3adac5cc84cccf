import { describe, expect, it } from 'vitest';
import window from '../../../src/diagrams/next-token-window/entry';
import surprise from '../../../src/diagrams/surprise-text/entry';
import game from '../../../src/diagrams/next-token-game/entry';
import { GAME_SENTENCES } from '../../../src/diagrams/next-token-game/game';
import { defaults, normalizeState, parseState, serializeState } from '../../../src/diagrams/kit/state';
import { ARCH } from '../../../src/model/architecture';

const entries = [window, surprise, game];

describe('next-token chapter entries', () => {
  it('live in the folder named by their id, on the next-token chapter', () => {
    expect(entries.map((e) => e.id)).toEqual(['next-token-window', 'surprise-text', 'next-token-game']);
    for (const e of entries) expect(e.chapter).toBe('/next-token/');
  });

  it('have fixtures that are valid states and round-trip through the URL', () => {
    for (const e of entries) {
      expect(normalizeState(defaults(e.state), e.state).notes).toEqual([]);
      for (const [name, fixture] of Object.entries(e.fixtures)) {
        const { state, notes } = normalizeState(fixture, e.state);
        expect(notes, `${e.id}/${name}`).toEqual([]);
        expect(parseState(serializeState(state, e.state), e.state).state).toEqual(state);
      }
    }
  });

  it('bound position by the context and sentence by the built-in set', () => {
    expect(window.state.position).toMatchObject({ min: 1, max: ARCH.context });
    expect(game.state.sentence).toMatchObject({ min: 1, max: GAME_SENTENCES.length });
    const bad = parseState('sentence=99&round=0', game.state);
    expect(bad.state).toMatchObject({ sentence: GAME_SENTENCES.length, round: 1 });
    expect(bad.notes.length).toBeGreaterThan(0);
  });
});
