// @vitest-environment jsdom
/**
 * Plot's snapshot gallery: every registry entry × every fixture is drawn the way its wrapper
 * draws it at build time (`src/diagrams/<id>/build.ts`), and the chart is held to a file snapshot
 * with decimals rounded to 3 places. A change to any view, fixture or example shows here as a diff.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagrams, folders } from '../../../src/diagrams/registry';
import type { BuiltView } from '../../../src/diagrams/kit/build-time';
import { normalizeState } from '../../../src/diagrams/kit/state';
import { cleanup, mount, snapshot } from './dom';

type Build = { buildView(state: Record<string, unknown>): BuiltView<{ state?: unknown }> };
const builds = import.meta.glob<Build>('../../../src/diagrams/*/build.ts', { eager: true });
const buildOf = (id: string) => builds[`../../../src/diagrams/${id}/build.ts`];

describe('diagram folders', () => {
  it('match the registry one to one: every folder but kit/ holds an entry.ts whose id is its name', () => {
    const root = join(process.cwd(), 'src', 'diagrams');
    const dirs = readdirSync(root).filter((d) => d !== 'kit' && statSync(join(root, d)).isDirectory());
    expect([...folders].sort()).toEqual(dirs.sort());
    expect(diagrams.map((d) => d.id).sort()).toEqual(dirs.sort());
  });

  it('each has a build.ts that the wrapper and this gallery draw from', () => {
    expect(diagrams.filter((d) => !buildOf(d.id)).map((d) => d.id)).toEqual([]);
  });
});

for (const entry of diagrams) {
  describe(`gallery: ${entry.id}`, () => {
    for (const [name, fixture] of Object.entries(entry.fixtures)) {
      it(`${name} draws as before`, async () => {
        const { state, notes } = normalizeState(fixture as Record<string, unknown>, entry.state);
        expect(notes, 'fixtures parse without notes').toEqual([]);
        const build = buildOf(entry.id);
        if (!build) throw new Error(`src/diagrams/${entry.id}/build.ts is missing`);
        const view = build.buildView(state);
        expect(view.data.state, 'the export holds the state').toEqual(state);
        const root = mount();
        view.draw(root);
        await expect(snapshot(root)).toMatchFileSnapshot(`./__snapshots__/gallery/${entry.id}.${name}.html`);
        cleanup();
      });
    }
  });
}
