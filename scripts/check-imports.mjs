#!/usr/bin/env node
/**
 * The import rules of .dependency-cruiser.cjs, over the whole site: dependency-cruiser checks the
 * TypeScript and JavaScript files, and this script applies the same rules to the imports of the
 * .astro files (frontmatter and <script> blocks), which dependency-cruiser does not parse.
 *
 *   npm run check:imports                 # the repository's src/
 *   node scripts/check-imports.mjs --root DIR [folders…]   # another tree (the unit test's fixture)
 *
 * Exits 0 when no rule is broken, 1 with a list of violations grouped by rule, 2 when the check
 * itself could not run. DEPENDENCY_CRUISER may name the package's folder when node_modules lacks it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CONFIG = path.resolve(here, '..', '.dependency-cruiser.cjs');

// ---------------------------------------------------------------------------------------------
// Rules: the subset of dependency-cruiser's rule language that the config uses, matched the way
// dependency-cruiser matches it (arrays of paths are alternatives, `$1` is from.path's group).

const FROM_KEYS = new Set(['path', 'pathNot']);
const TO_KEYS = new Set(['path', 'pathNot', 'dependencyTypes', 'dependencyTypesNot']);

const alternatives = (p) => (Array.isArray(p) ? p.join('|') : p);

function normalizeRule(rule) {
  for (const k of Object.keys(rule.from ?? {}))
    if (!FROM_KEYS.has(k)) throw new Error(`rule ${rule.name}: from.${k} is not supported by the .astro check`);
  for (const k of Object.keys(rule.to ?? {}))
    if (!TO_KEYS.has(k)) throw new Error(`rule ${rule.name}: to.${k} is not supported by the .astro check`);
  const norm = (o) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, k.startsWith('path') ? alternatives(v) : v]));
  return { ...rule, from: norm(rule.from), to: norm(rule.to) };
}

const withGroups = (pattern, groups) => groups.reduce((s, g, i) => s.replaceAll(`$${i}`, g), pattern);

/** Whether `rule` forbids the import of `to` (resolved path, dependency types) by `from`. */
export function breaks(rule, from, to) {
  const f = rule.from;
  const t = rule.to;
  if (f.path && !new RegExp(f.path).test(from)) return false;
  if (f.pathNot && new RegExp(f.pathNot).test(from)) return false;
  const m = f.path ? new RegExp(f.path).exec(from) : null;
  const groups = m && m.length > 1 ? m.filter((g) => typeof g === 'string') : [];
  if (t.path && !new RegExp(withGroups(t.path, groups)).test(to.resolved)) return false;
  if (t.pathNot && new RegExp(withGroups(t.pathNot, groups)).test(to.resolved)) return false;
  if (t.dependencyTypes && !to.dependencyTypes.some((d) => t.dependencyTypes.includes(d))) return false;
  if (t.dependencyTypesNot && to.dependencyTypes.some((d) => t.dependencyTypesNot.includes(d))) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// .astro files: import specifiers from the frontmatter and the <script> blocks.

/** The code of an .astro file that imports can appear in: the frontmatter and the script blocks. */
export function astroCode(source) {
  const parts = [];
  const fm = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  if (fm) parts.push(fm[1]);
  const open = /<script\b([^>]*)>/g;
  let m;
  while ((m = open.exec(source))) {
    const attrs = m[1];
    if (attrs.trimEnd().endsWith('/')) continue; // <script … />: no body
    const end = source.indexOf('</script>', open.lastIndex);
    if (end < 0) break;
    if (!/type\s*=\s*["']application\/(ld\+)?json["']/.test(attrs)) parts.push(source.slice(open.lastIndex, end));
    open.lastIndex = end;
  }
  return parts.join('\n');
}

/** `import … from 'x'`, `import 'x'`, `export … from 'x'` and `import('x')`, comments left out. */
export function importSpecifiers(code) {
  const bare = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = [];
  const re = /\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s*)?['"]([^'"\n]+)['"]|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;
  let m;
  while ((m = re.exec(bare))) found.push(m[1] ?? m[2]);
  return found;
}

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.astro', '.json', '.d.ts'];

/** Resolves a specifier the way the bundler would, enough for the rules: a path and its types. */
function resolve(spec, fromFile, root) {
  const clean = spec.replace(/[?#].*$/, '');
  const posix = (abs) => path.relative(root, abs).split(path.sep).join('/');
  if (clean.startsWith('.') || clean.startsWith('/')) {
    const base = clean.startsWith('/') ? path.join(root, clean) : path.resolve(path.dirname(fromFile), clean);
    const tries = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
    if (/\.m?js$/.test(base)) tries.push(base.replace(/\.(m?)js$/, '.$1ts'));
    const hit = tries.find((p) => existsSync(p) && statSync(p).isFile());
    return { resolved: posix(hit ?? base), dependencyTypes: ['local'], couldNotResolve: !hit };
  }
  const name = clean.replace(/^node:/, '');
  if (clean.startsWith('node:') || builtinModules.includes(name)) return { resolved: name, dependencyTypes: ['core'] };
  if (/^[a-z]+:/.test(clean)) return { resolved: clean, dependencyTypes: ['unknown'], couldNotResolve: true };
  return { resolved: clean, dependencyTypes: ['npm'] };
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.astro')) out.push(p);
  }
  return out;
}

function astroViolations(rules, root, folders) {
  const out = [];
  for (const file of folders.flatMap((f) => walk(path.resolve(root, f)))) {
    const from = path.relative(root, file).split(path.sep).join('/');
    for (const spec of importSpecifiers(astroCode(readFileSync(file, 'utf8')))) {
      const to = resolve(spec, file, root);
      for (const rule of rules)
        if (breaks(rule, from, to)) out.push({ from, to: to.resolved, rule: { name: rule.name, severity: rule.severity } });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// dependency-cruiser over the script files.

function depcruiseBin() {
  const home = process.env.DEPENDENCY_CRUISER;
  if (home) return path.join(home, 'bin', 'dependency-cruiser.mjs');
  let entry;
  try {
    entry = fileURLToPath(import.meta.resolve('dependency-cruiser'));
  } catch {
    throw new Error('dependency-cruiser is not installed: run npm ci (or set DEPENDENCY_CRUISER to its folder).');
  }
  // The package exports only its ESM entry (src/main/index.mjs): its bin sits beside src/.
  return path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}src${path.sep}`)), 'bin', 'dependency-cruiser.mjs');
}

function cruise(root, folders) {
  const r = spawnSync(process.execPath, [depcruiseBin(), ...folders, '--config', CONFIG, '--output-type', 'json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  let result;
  try {
    result = JSON.parse(r.stdout);
  } catch {
    throw new Error(`dependency-cruiser gave no result (exit ${r.status}):\n${r.stderr || r.stdout}`);
  }
  const missing = (result.summary.environment?.issues ?? []).filter((i) => i.name === 'missing-tsc-transpiler');
  if (missing.length) throw new Error('dependency-cruiser found no TypeScript compiler, so it would miss the .ts files.');
  return result.summary;
}

// ---------------------------------------------------------------------------------------------

function main(argv) {
  let root = process.cwd();
  const folders = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') root = path.resolve(argv[++i]);
    else folders.push(argv[i]);
  }
  if (!folders.length) folders.push('src');

  const require = createRequire(import.meta.url);
  const rules = require(CONFIG).forbidden.map(normalizeRule);
  const summary = cruise(root, folders);
  const violations = [
    ...summary.violations.filter((v) => v.type === 'dependency').map((v) => ({ from: v.from, to: v.to, rule: v.rule })),
    ...summary.violations.filter((v) => v.type !== 'dependency').map((v) => ({ from: v.from, to: v.to ?? '', rule: v.rule })),
    ...astroViolations(rules, root, folders),
  ].filter((v) => v.rule.severity === 'error');

  const files = summary.totalCruised;
  if (!violations.length) {
    console.log(`check:imports: no import rule broken (${files} modules cruised, and the .astro files).`);
    return 0;
  }
  const comments = new Map(rules.map((r) => [r.name, r.comment]));
  const byRule = Map.groupBy(violations, (v) => v.rule.name);
  for (const [name, list] of byRule) {
    console.log(`\n✖ ${name} (${list.length})\n  ${comments.get(name) ?? ''}`);
    for (const v of list.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))) console.log(`    ${v.from} → ${v.to}`);
  }
  const nFiles = new Set(violations.map((v) => v.from)).size;
  console.log(`\ncheck:imports: ${violations.length} import rule violation(s) in ${nFiles} file(s).`);
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`check:imports could not run: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 2;
  }
}
