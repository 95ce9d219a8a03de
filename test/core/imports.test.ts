// The layers import downwards only: declarations (commands/) sit on top of src/, runners
// (src/run) on top of the checks, and the protocol clients (src/dns, src/smtp) know nothing of
// the command line. Read from the sources, so a new file is held to the rule the day it appears.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers/cli.js';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import (static, dynamic, type-only) of a source file, as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  // Type-only imports are erased at build time: a runner may take its argument type from its declaration.
  const runtime = text.replace(/^(?:import|export) type [^;]*;/gms, '');
  const specs = [...runtime.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

const RULES: { from: string; not: string; except?: string[] }[] = [
  // src/cli/registry.ts is the one list of the commands' declarations (the program's entry point).
  { from: 'src/', not: 'commands/', except: ['src/cli/registry.ts'] },
  { from: 'src/checks/', not: 'src/run/' },
  { from: 'src/dns/', not: 'src/cli/' },
  { from: 'src/smtp/', not: 'src/cli/' },
];

describe('import rules', () => {
  const files = sources('src');
  for (const rule of RULES) {
    it(`nothing under ${rule.from} imports from ${rule.not}`, () => {
      const bad = files
        .filter((f) => f.startsWith(rule.from) && !rule.except?.includes(f))
        .flatMap((f) =>
          importsOf(f)
            .filter((i) => i.startsWith(rule.not))
            .map((i) => `${f} → ${i}`),
        );
      assert.deepEqual(bad, []);
    });
  }
  it('reads imports (the rule is not vacuous)', () => {
    assert.ok(importsOf('src/cli/registry.ts').some((i) => i.startsWith('commands/')));
  });
});
