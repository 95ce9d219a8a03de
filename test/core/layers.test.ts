// Layering rules for the command line: only src/cli knows the command line. The DNS and SMTP
// clients take plain options (no CLI types), and runners get the raw command line from their
// RunContext, never from process.argv.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/cli.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'/gm;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1]!);
}

test('src/dns and src/smtp import nothing from src/cli or commands/', () => {
  const bad: string[] = [];
  for (const layer of ['dns', 'smtp']) {
    for (const file of sources(join(ROOT, 'src', layer))) {
      for (const spec of importsOf(file))
        if (/(^|\/)(cli|commands)\//.test(spec)) bad.push(`${relative(ROOT, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('nothing under src/ reads process.argv (main passes the command line in the RunContext)', () => {
  const bad = sources(join(ROOT, 'src'))
    .filter((file) =>
      readFileSync(file, 'utf8')
        .replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')
        .includes('process.argv'),
    )
    .map((file) => relative(ROOT, file));
  assert.deepEqual(bad, []);
});
