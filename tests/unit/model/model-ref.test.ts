/** Model refs in links (`model=<id>@<version>`) against the catalogue: src/model/catalogue.ts. */
import { describe, expect, it } from 'vitest';
import { defaultEntry, entryFolder, modelRef, pretrainedName, resolveModelRef, type Catalogue } from '../../../src/model/catalogue';
import { readCatalogue } from '../../../src/model/node';

const CAT: Catalogue = {
  default: 'glassbox-gpt-6l',
  models: [
    { id: 'glassbox-gpt-6l', dtype: 'q8', bytes: 10, version: 'bbbbbbbbbbbb' },
    { id: 'glassbox-gpt-6l', dtype: 'q8', bytes: 9, version: 'aaaaaaaaaaaa', path: 'glassbox-gpt-6l@aaaaaaaaaaaa/', archived: true },
  ],
};
const [current, archived] = CAT.models;

describe('resolveModelRef', () => {
  it('gives the default, without a note, when the link names no model', () => {
    expect(resolveModelRef(CAT, null)).toEqual({ entry: current });
    expect(resolveModelRef(CAT, undefined)).toEqual({ entry: current });
    expect(resolveModelRef(CAT, '')).toEqual({ entry: current });
  });

  it('gives the version a link names while the site serves it, archived or not', () => {
    expect(resolveModelRef(CAT, 'glassbox-gpt-6l@bbbbbbbbbbbb')).toEqual({ entry: current });
    expect(resolveModelRef(CAT, 'glassbox-gpt-6l@aaaaaaaaaaaa')).toEqual({ entry: archived });
  });

  it('falls back to the default with a note naming both versions when the version is gone', () => {
    const r = resolveModelRef(CAT, 'glassbox-gpt-6l@cccccccccccc');
    expect(r.entry).toBe(current);
    expect(r.note).toBe(
      'This link was made with glassbox-gpt-6l version cccccccccccc, which this site no longer serves; ' +
        'showing the current model (glassbox-gpt-6l version bbbbbbbbbbbb).',
    );
  });

  it('falls back with a note for an unknown model id and for a malformed ref', () => {
    const unknown = resolveModelRef(CAT, 'other-model@1234');
    expect(unknown.entry).toBe(current);
    expect(unknown.note).toMatch(/^This link was made with the model other-model, which this site does not serve; showing the current model/);
    for (const bad of ['glassbox-gpt-6l', '@aaaa', 'a@b@c', 'x y@1', '../etc@1']) {
      const r = resolveModelRef(CAT, bad);
      expect(r.entry, bad).toBe(current);
      expect(r.note, bad).toMatch(/not a model this site knows/);
    }
  });

  it('never takes an archived entry as the default, even under the default id', () => {
    expect(defaultEntry({ default: 'm', models: [{ ...archived, id: 'm' }, { ...current, id: 'm' }] }).version).toBe('bbbbbbbbbbbb');
    expect(() => defaultEntry({ default: 'm', models: [{ ...archived, id: 'm' }] })).toThrow(/does not list it/);
  });

  it('resolves the shipped catalogue\'s own ref to its default', () => {
    const cat = readCatalogue();
    const entry = defaultEntry(cat);
    expect(resolveModelRef(cat, modelRef(entry))).toEqual({ entry });
  });
});

describe('folders and from_pretrained names', () => {
  it('keeps the default in <id>/, loaded by id, and a kept version in its own folder, loaded by path', () => {
    expect(entryFolder(current)).toBe('glassbox-gpt-6l/');
    expect(pretrainedName(current, '/models/')).toBe('glassbox-gpt-6l');
    expect(entryFolder(archived)).toBe('glassbox-gpt-6l@aaaaaaaaaaaa/');
    expect(pretrainedName(archived, '/sub/models')).toBe('/sub/models/glassbox-gpt-6l@aaaaaaaaaaaa');
  });
});
