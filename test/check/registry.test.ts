// The check-group registry: one declaration per group of groups.ts, in run order, each gathering
// only facts some group requires, and every required fact gathered by exactly one group.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GROUP_HELP, GROUPS } from '../../src/checks/groups.js';
import { REGISTRY, REGISTRY_BY_ID } from '../../src/checks/registry.js';
import { ROOT } from '../helpers/cli.js';

describe('check group registry', () => {
  it('lists every group once, in the order of groups.ts, each under its own id', () => {
    assert.deepEqual(
      REGISTRY.map((g) => g.id),
      [...GROUPS],
    );
    for (const id of GROUPS) assert.equal(REGISTRY_BY_ID[id].id, id);
  });

  it('keeps each group in the folder named after it: group.ts (declaration), gather.ts (I/O), judge.ts (pure), ids.ts', () => {
    for (const id of GROUPS)
      for (const file of ['group.ts', 'gather.ts', 'judge.ts', 'ids.ts'])
        assert.ok(existsSync(join(ROOT, 'src/checks', id, file)), `src/checks/${id}/${file}`);
  });

  it('keeps judge.ts pure: no network, DNS or file I/O, no async', () => {
    for (const id of GROUPS) {
      const text = readFileSync(join(ROOT, 'src/checks', id, 'judge.ts'), 'utf8');
      assert.doesNotMatch(
        text,
        /\basync\b|\bawait\b|'node:(net|tls|dns|fs|http)|undici|smtp\/session\.js/,
        id,
      );
      // From its gatherers it takes only types (the facts' shapes), never code.
      assert.doesNotMatch(text, /^import \{[^}]*\} from '\.\/(gather|session)\.js'/m, id);
    }
  });

  it('has one gatherer for every fact a group requires', () => {
    const owners = new Map<string, string[]>();
    for (const g of REGISTRY)
      for (const k of Object.keys(g.gather)) owners.set(k, [...(owners.get(k) ?? []), g.id]);
    for (const g of REGISTRY)
      for (const k of [...g.requires, ...(g.optional ?? [])])
        assert.equal(owners.get(k)?.length, 1, `${g.id} requires ${k}: gathered by ${owners.get(k)}`);
  });

  it('gives --skip its help from the declarations', () => {
    assert.match(GROUP_HELP, /^mx \(MX records, addresses, PTR\), smtp \(/);
    assert.match(
      GROUP_HELP,
      /relay \(open-relay test; needs --relay-test\), mta-sts, tls-rpt, dane \(TLSA\)/,
    );
  });
});
