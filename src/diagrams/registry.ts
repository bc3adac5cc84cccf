/**
 * The one list of diagrams, collected from the folders: every `src/diagrams/<id>/entry.ts` is a
 * diagram, so adding one means adding a folder, with no edit here. Embed routes
 * (`src/pages/embed/[id].astro`), the gallery and the tests are generated from this list.
 */
import type { DiagramEntry } from './kit/schema';

const modules = import.meta.glob<{ default: DiagramEntry }>('./*/entry.ts', { eager: true });

/** The folder an entry.ts path names: "./next-token/entry.ts" → "next-token". */
export function folderOf(path: string): string {
  return path.split('/')[1] ?? '';
}

/** In chapter order (each entry's `order`): the gallery lists them this way. */
export const diagrams: readonly DiagramEntry[] = Object.entries(modules)
  .map(([path, m]) => {
    if (m.default?.id !== folderOf(path)) throw new Error(`${path} declares id "${m.default?.id}"; the folder and the id must match`);
    return m.default;
  })
  .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));

/** Folder names that hold an entry.ts; a unit test holds them equal to the entries' ids. */
export const folders: readonly string[] = Object.keys(modules).map(folderOf);

export function getDiagram(id: string): DiagramEntry | undefined {
  return diagrams.find((d) => d.id === id);
}
