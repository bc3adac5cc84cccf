/**
 * Import rules for src/ (issue 15, item 4), checked by `npm run check:imports`
 * (scripts/check-imports.mjs), which runs dependency-cruiser over the TypeScript files and applies
 * these same rules to the imports of the .astro files, which dependency-cruiser does not parse.
 *
 * Paths are relative to the repository root, with forward slashes. In `to.path`/`to.pathNot`,
 * `$1` stands for the first group matched by `from.path`.
 * @type {import('dependency-cruiser').IConfiguration}
 */

/** An npm package or a Node built-in, rather than a file of the site. */
const PACKAGE_TYPES = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown', 'core'];

/** The ML runtimes: the model worker's business, never a diagram's. */
const ML_RUNTIMES = '(@huggingface/transformers|onnxruntime-web)';

module.exports = {
  forbidden: [
    {
      // A diagram is one folder, src/diagrams/<id>/. It is built from the kit, the maths, the
      // model's client and types, the data, the components and npm packages, and its own files;
      // never from a sibling diagram's folder (shared code belongs in kit/). `$1` is <id>.
      name: 'diagram-imports-only-kit-math-model-own',
      severity: 'error',
      comment:
        'src/diagrams/<id>/ may import only src/diagrams/kit/, src/math/, src/model/, src/data/, src/components/, its own folder and npm packages: move shared code into src/diagrams/kit/.',
      from: { path: '^src/diagrams/([^/]+)/', pathNot: '^src/diagrams/kit/' },
      to: {
        pathNot: ['^src/diagrams/kit/', '^src/diagrams/$1/', '^src/math/', '^src/model/', '^src/data/', '^src/components/'],
        dependencyTypesNot: PACKAGE_TYPES,
      },
    },
    {
      // The model worker runs in its own thread and loads transformers.js: diagrams talk to it
      // only through src/model/client.ts.
      name: 'diagram-not-model-worker',
      severity: 'error',
      comment: 'Diagrams use src/model/client.ts (and the model types), never src/model/worker.ts.',
      from: { path: '^src/diagrams/' },
      to: { path: '^src/model/worker\\.ts$' },
    },
    {
      // The kit is shared by every diagram, so it cannot depend on any one of them.
      name: 'kit-imports-no-diagram',
      severity: 'error',
      comment: 'src/diagrams/kit/ is shared by every diagram: it must not import a diagram folder.',
      from: { path: '^src/diagrams/kit/' },
      to: { path: '^src/diagrams/[^/]+/', pathNot: '^src/diagrams/kit/' },
    },
    {
      // The maths is plain functions over numbers: testable and reusable without the site.
      name: 'math-imports-nothing-of-the-site',
      severity: 'error',
      comment: 'src/math/ may import only other src/math/ files and npm packages.',
      from: { path: '^src/math/' },
      to: { pathNot: '^src/math/', dependencyTypesNot: PACKAGE_TYPES.filter((t) => t !== 'core') },
    },
    {
      // The model side serves every diagram and knows none of them.
      name: 'model-imports-no-diagram',
      severity: 'error',
      comment: 'src/model/ must not import diagrams, stories, components or pages.',
      from: { path: '^src/model/' },
      to: { path: '^src/(diagrams|stories|components|pages)/' },
    },
    {
      // One place loads the ML runtimes, so that their weight and their workers stay in the model.
      name: 'ml-runtime-only-in-model',
      severity: 'error',
      comment: 'Only src/model/ may import @huggingface/transformers or onnxruntime-web.',
      from: { path: '^src/', pathNot: '^src/model/' },
      to: { path: [`(^|/)node_modules/${ML_RUNTIMES}/`, `^${ML_RUNTIMES}(/|$)`] },
    },
    {
      // onnxruntime-node is the Node reference the tests compare with; in the site only the model may use it.
      name: 'onnxruntime-node-only-in-model-or-tests',
      severity: 'error',
      comment: 'Only src/model/ (and tests) may import onnxruntime-node.',
      from: { pathNot: '^(src/model/|tests/)' },
      to: { path: ['(^|/)node_modules/onnxruntime-node/', '^onnxruntime-node(/|$)'] },
    },
  ],
  options: {
    // Type-only imports count too: a diagram must not lean on a sibling's types either.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: '(^|/)node_modules/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.d.ts', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
