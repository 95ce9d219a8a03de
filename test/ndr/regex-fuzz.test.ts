// Every regular expression in the bounce decoder, the SMTP client and the send code, run over
// long runs of each character class: none may take more than a generous budget. A backtracking
// pattern (a run followed by something that can fail, like `[ \t]+\n` or `[\w.]+@`) is quadratic
// on such input and shows up here at once. Literals are read from the TypeScript source with the
// compiler's own scanner (so extraction is exact); patterns built at run time with `new RegExp`
// are caught by importing the modules while the RegExp constructor records what it builds.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const AREAS = ['src/ndr', 'src/smtp', 'src/send'];
/** Inputs are screened at 4 KB; a pattern that is not instant there is timed again at 64 KB. */
const SMALL = 4 * 1024;
const N = 64 * 1024;
const SCREEN_MS = 2;
/** A linear pattern needs well under 100 ms for 64 KB; a quadratic one needs seconds. */
const BUDGET_MS = 1000;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

interface Pattern {
  where: string;
  re: RegExp;
}

function literals(): Pattern[] {
  const out: Pattern[] = [];
  for (const file of AREAS.flatMap((a) => tsFiles(join(ROOT, a)))) {
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(src);
        const slash = text.lastIndexOf('/');
        const line = src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1;
        out.push({
          where: `${file.slice(ROOT.length)}:${line}`,
          re: new RegExp(text.slice(1, slash), text.slice(slash + 1)),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(src);
  }
  return out;
}

/** Patterns built with `new RegExp(...)` while the modules load. */
async function built(): Promise<Pattern[]> {
  const out: Pattern[] = [];
  const Original = globalThis.RegExp;
  const record = (r: RegExp): RegExp => {
    out.push({ where: `new RegExp(${r.source.slice(0, 60)}…)`, re: r });
    return r;
  };
  globalThis.RegExp = new Proxy(Original, {
    construct: (target, args, newTarget) => record(Reflect.construct(target, args, newTarget)),
    apply: (target, self, args) => record(Reflect.apply(target, self, args)),
  });
  try {
    const files = AREAS.flatMap((a) => tsFiles(join(ROOT, a)));
    for (const f of files) {
      const js = join(ROOT, 'dist', f.slice(ROOT.length)).replace(/\.ts$/, '.js');
      await import(js);
    }
  } finally {
    globalThis.RegExp = Original;
  }
  return out;
}

const UNITS = [
  ' ',
  '\t',
  '\n',
  '\r\n',
  'a',
  'Z',
  '5',
  '_',
  'я',
  '<',
  '>',
  '@',
  '.',
  ';',
  ':',
  '=',
  '-',
  '#',
  '(',
  ')',
  '[',
  ']',
  '"',
  "'",
  ',',
  '/',
  '\\',
  '?',
  '*',
  '+',
  '&',
  '!',
  'a@',
  'a.',
  'a ',
  'a-',
  'a:',
  'a;',
  'a\n',
  ' \n',
  '=\n',
  ' =',
  '<a',
  'a>',
  '5.',
  '5 ',
  '5.1.1 ',
  '550 ',
  '550-',
  '550 5.1.1 <',
  '<a@b.c>',
  'a@b.',
  '@a.',
  '.a',
  ' :',
  ': ',
  '=?',
  '?=',
  '=?a?',
  '&#',
  '&a',
  '--',
  '-- ',
  '> ',
  '>\n',
  'a=',
  'x-',
  'dns; ',
  'rfc822; ',
  'From ',
  'To: ',
  '\n ',
];

/** Runs of each unit, alone and between other characters (so anchors and look-arounds fail). */
function inputs(size: number): string[] {
  return UNITS.flatMap((u) => {
    const run = u.repeat(Math.ceil(size / u.length));
    return [run, `x${run}!`];
  });
}

function timeAll(re: RegExp, input: string): number {
  const g = new RegExp(
    re.source,
    re.flags.includes('g') ? re.flags.replace('y', '') : `${re.flags.replace('y', '')}g`,
  );
  const t0 = performance.now();
  let n = 0;
  for (let m = g.exec(input); m && n < input.length + 1; m = g.exec(input), n++) {
    if (m[0].length === 0) g.lastIndex++;
  }
  return performance.now() - t0;
}

test('no regular expression in ndr, smtp or send is slow on long runs of one character class', {
  timeout: 120_000,
}, async () => {
  const all = [...literals(), ...(await built())];
  assert.ok(all.length > 100, `found only ${all.length} patterns`);
  const small = inputs(SMALL);
  const large = inputs(N);
  const slow: string[] = [];
  for (const { where, re } of all) {
    for (const [i, text] of large.entries()) {
      if (timeAll(re, small[i]!) < SCREEN_MS) continue;
      let ms = timeAll(re, text);
      if (ms > BUDGET_MS) ms = Math.min(ms, timeAll(re, text)); // once more, in case the machine was busy
      if (ms > BUDGET_MS) {
        slow.push(`${where} ${re} on ${JSON.stringify(text.slice(0, 24))}… (${Math.round(ms)} ms)`);
        break;
      }
    }
  }
  assert.deepEqual(slow, []);
});
