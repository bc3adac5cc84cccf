/**
 * The diagram registry for Playwright, which loads specs without Vite, so `import.meta.glob`
 * (src/diagrams/registry.ts) is not available: the same list, read from the same folders.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiagramEntry } from '../../src/diagrams/kit/schema';

const ROOT = join(process.cwd(), 'src', 'diagrams');
const ids = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'entry.ts')))
  .map((d) => d.name);

const loaded = await Promise.all(
  ids.map(async (id) => (await import(pathToFileURL(join(ROOT, id, 'entry.ts')).href)) as { default: DiagramEntry }),
);

/** In chapter order, as the gallery lists them. */
export const diagrams: readonly DiagramEntry[] = loaded.map((m) => m.default).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
