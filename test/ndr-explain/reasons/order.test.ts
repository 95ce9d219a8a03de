// The reason data itself: names unique, phrases lowercase and reachable (alone, a phrase is read as
// its own reason or a reason of the same category placed earlier), every category described.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATEGORIES, ORDER, reasonOf } from '../../../src/ndr/reasons/index.js';

describe('reasons ORDER', () => {
  it('names each reason once', () => {
    const names = ORDER.map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
  });

  it('has lowercase phrases, each read as its own category when alone', () => {
    for (const r of ORDER) {
      for (const p of r.phrases ?? []) {
        assert.equal(p, p.toLowerCase(), p);
        assert.equal(reasonOf(p, r.strength)?.category, r.category, `${r.name}: "${p}"`);
      }
    }
  });

  it('places every strong reason before the weak ones', () => {
    const firstWeak = ORDER.findIndex((r) => r.strength === 'weak');
    assert.ok(ORDER.slice(firstWeak).every((r) => r.strength === 'weak'));
  });

  it('gives each status and reply code to one category', () => {
    const seen = new Map<string, string>();
    for (const c of CATEGORIES)
      for (const key of [...(c.status ?? []), ...(c.replies ?? []).map(String)]) {
        assert.equal(seen.get(key), undefined, `${key}: ${seen.get(key)} and ${c.id}`);
        seen.set(key, c.id);
      }
  });
});
