import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * scripts/check-imports.mjs (`npm run check:imports`) with the repository's rules, over a small
 * tree of its own: it must report each bad import, in .ts and in .astro files, and nothing else,
 * and pass once they are fixed.
 */
let root: string;

function write(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

function check() {
  const r = spawnSync(process.execPath, ['scripts/check-imports.mjs', '--root', root], { encoding: 'utf8' });
  const edges = [...r.stdout.matchAll(/^ {4}(\S+) → (\S+)$/gm)].map((m) => `${m[1]} → ${m[2]}`).sort();
  return { status: r.status, edges, output: r.stdout + r.stderr };
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'glassbox-imports-'));
  write({
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022' } }),
    'src/diagrams/kit/ids.ts': "export const uid = (p: string) => `gb-${p}`;\n",
    'src/math/sum.ts': 'export const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);\n',
    'src/model/client.ts': 'export const trace = async (text: string) => text.length;\n',
    'src/diagrams/alpha/view.ts': 'export interface AlphaView { n: number }\nexport const alpha = 1;\n',
    // Good: the kit, the maths, the model's client and its own folder.
    'src/diagrams/alpha/entry.ts': [
      "import { uid } from '../kit/ids';",
      "import { sum } from '../../math/sum';",
      "import { trace } from '../../model/client';",
      "import { alpha, type AlphaView } from './view';",
      'export const entry = (v: AlphaView) => [uid("a"), sum([v.n, alpha]), trace];',
      '',
    ].join('\n'),
    // Bad: a sibling diagram's file, and only for a type (type-only imports count).
    'src/diagrams/beta/entry.ts': [
      "import { uid } from '../kit/ids';",
      "import type { AlphaView } from '../alpha/view';",
      'export const entry = (v: AlphaView) => uid(String(v.n));',
      '',
    ].join('\n'),
    // Good in the frontmatter, bad in the script; the JSON script before it is no code.
    'src/diagrams/beta/Beta.astro': [
      '---',
      "import { uid } from '../kit/ids';",
      '---',
      '<div id={uid("b")}></div>',
      '<script type="application/json" set:html={"{}"} />',
      '<script>',
      "  import { alpha } from '../alpha/view';",
      '  console.log(alpha);',
      '</script>',
      '',
    ].join('\n'),
    // Bad: the maths reaching into the site.
    'src/math/scale.ts': "import { uid } from '../diagrams/kit/ids';\nexport const scale = uid;\n",
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('check:imports', () => {
  it('reports the bad imports, in .ts and .astro files, and exits non-zero', () => {
    const r = check();
    expect(r.status, r.output).toBe(1);
    expect(r.edges).toEqual([
      'src/diagrams/beta/Beta.astro → src/diagrams/alpha/view.ts',
      'src/diagrams/beta/entry.ts → src/diagrams/alpha/view.ts',
      'src/math/scale.ts → src/diagrams/kit/ids.ts',
    ]);
    expect(r.output).toContain('✖ diagram-imports-only-kit-math-model-own (2)');
    expect(r.output).toContain('✖ math-imports-nothing-of-the-site (1)');
  });

  it('passes once they are fixed', () => {
    write({
      'src/diagrams/beta/entry.ts': "import { uid } from '../kit/ids';\nexport const entry = (n: number) => uid(String(n));\n",
      'src/diagrams/beta/Beta.astro': "---\nimport { uid } from '../kit/ids';\n---\n<div id={uid('b')}></div>\n",
      'src/math/scale.ts': 'export const scale = (x: number) => 2 * x;\n',
    });
    const r = check();
    expect(r.edges).toEqual([]);
    expect(r.status, r.output).toBe(0);
  });
});
