// The findings catalogue (src/catalogue.ts) against what uses it: every id is documented in
// README, no id ever disappears (test/fixtures/finding-ids.txt), and every finding the commands
// emit in the end-to-end tests is declared with that severity (test/helpers/cli.ts checks each
// JSON run through findingsOutsideCatalogue).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATALOGUE, defaultSeverity, type FindingId } from '../../src/catalogue.js';
import { finding } from '../../src/findings/model.js';
import { findingsOutsideCatalogue, ROOT } from '../helpers/cli.js';

const ids = Object.keys(CATALOGUE);

/** README names an id in full (`mx.cname`) or in a list (`mta-sts.*` (ok, none, …)). */
export function documented(readme: string, id: string): boolean {
  if (readme.includes(id)) return true;
  const dot = id.indexOf('.');
  const [prefix, rest] = [id.slice(0, dot), id.slice(dot + 1)];
  for (const m of readme.matchAll(
    new RegExp(`\`${prefix.replace('-', '\\-')}\\.\\*\`\\s*\\(([^)]*)\\)`, 'g'),
  ))
    if (m[1]!.split(/[,;]\s*|\s+/).some((w) => w.replace(/[^a-z0-9-]/g, '') === rest)) return true;
  return false;
}

describe('findings catalogue', () => {
  it('declares each id once, under its own prefix, with at least one severity, a title and a ref', () => {
    for (const id of ids) {
      assert.match(id, /^[a-z0-9-]+\.[a-z0-9-]+$/);
      const entry = CATALOGUE[id as FindingId];
      assert.ok(entry.severity.length > 0, id);
      assert.equal(defaultSeverity(id as FindingId), entry.severity[0]);
      assert.ok(entry.title.trim().length > 0, `${id}: title`);
      assert.match(
        entry.ref,
        /RFC \d+|Book |book |Microsoft|Spamhaus|Postfix/,
        `${id}: ref cites the book or an RFC`,
      );
    }
  });

  it('each area declares only ids under its own prefix: the folder names the prefix', async () => {
    // src/checks/<folder>/ids.ts declares <folder>.*; the exceptions are named: check's own
    // runner (inbound/ → check.*) and the shared DNS failure (shared/ → dns.*).
    const prefixOf: Record<string, string> = { inbound: 'check', shared: 'dns' };
    const dir = join(ROOT, 'src/checks');
    const folders = readdirSync(dir).filter((f) => existsSync(join(dir, f, 'ids.ts')));
    assert.ok(folders.length >= 14, folders.join());
    for (const folder of [
      ...folders.map((f) => `checks/${f}`),
      'headers',
      'ndr',
      'send',
      'session',
      'logs',
    ]) {
      const text = readFileSync(join(ROOT, 'src', folder, 'ids.ts'), 'utf8');
      const declared = [...text.matchAll(/^\s+'([a-z0-9-]+)\.[a-z0-9-]+':/gm)].map((m) => m[1]);
      const name = folder.split('/').pop()!;
      assert.ok(declared.length > 0, folder);
      assert.deepEqual(new Set(declared), new Set([prefixOf[name] ?? name]), `src/${folder}/ids.ts`);
    }
  });

  it('never loses an id: every id in test/fixtures/finding-ids.txt is still declared, and every declared id is listed', () => {
    const known = readFileSync(join(ROOT, 'test/fixtures/finding-ids.txt'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(
      known.filter((id) => !(id in CATALOGUE)),
      [],
      'ids are never renamed or removed',
    );
    assert.deepEqual(
      ids.filter((id) => !known.includes(id)),
      [],
      'add new ids to test/fixtures/finding-ids.txt',
    );
  });

  it('documents every id in README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.deepEqual(
      ids.filter((id) => !documented(readme, id)),
      [],
    );
  });

  it('finding() takes only a declared id: an unknown one does not compile', () => {
    // @ts-expect-error: 'mx.renamed' is not in the catalogue (this line stops compiling if finding() takes any string)
    const unknown = finding('mx.renamed', 'fail', { title: 't', detail: 'd', fix: 'f', ref: 'r' });
    assert.equal(unknown.id, 'mx.renamed');
  });

  it('flags an emitted finding whose id or severity is not declared', () => {
    const ok = finding('mx.cname', 'fail', { title: 't', detail: 'd', fix: 'f', ref: 'r' });
    const line = (fs: unknown[]) => `${JSON.stringify({ command: 'mx', target: 'x', findings: fs })}\n`;
    assert.deepEqual(findingsOutsideCatalogue(line([ok])), []);
    assert.deepEqual(findingsOutsideCatalogue(line([{ ...ok, id: 'mx.renamed' }])), ['mx.renamed (fail)']);
    assert.deepEqual(findingsOutsideCatalogue(line([{ ...ok, severity: 'ok' }])), ['mx.cname (ok)']);
  });
});
