#!/usr/bin/env node
// Runs every test stage in order (imports, typecheck, unit, build, e2e), stops at the first failure,
// and prints one plain summary line that CI logs can be grepped for.
import { spawnSync } from 'node:child_process';

const stages = [
  ['imports', 'node', ['scripts/check-imports.mjs']],
  ['typecheck', 'npx', ['astro', 'check']],
  ['unit', 'npx', ['vitest', 'run']],
  ['build', 'npx', ['astro', 'build']],
  ['e2e', 'npx', ['playwright', 'test']],
];
const only = process.argv.slice(2);
const results = [];
const t0 = Date.now();
let failed = false;
for (const [name, cmd, args] of stages) {
  if (only.length && !only.includes(name)) continue;
  const s = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = r.status === 0;
  results.push(`${name} ${ok ? 'ok' : 'FAILED'} (${Math.round((Date.now() - s) / 1000)} s)`);
  if (!ok) {
    failed = true;
    break;
  }
}
const total = Math.round((Date.now() - t0) / 1000);
console.log(`\nglassbox tests: ${failed ? 'FAIL' : 'PASS'} — ${results.join(', ')} — ${total} s`);
process.exit(failed ? 1 : 0);
