import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { GMAIL_RULES } from '../../src/ndr/codes/gmail.js';
import { MICROSOFT_RULES } from '../../src/ndr/codes/microsoft.js';
import { MICROSOFT_DELIVERY_RULES } from '../../src/ndr/codes/microsoft-delivery.js';
import { MICROSOFT_POLICY_RULES } from '../../src/ndr/codes/microsoft-policy.js';
import { PROVIDER_RULES } from '../../src/ndr/codes/providers.js';
import { detectProvider, findVendorRule } from '../../src/ndr/codes/vendor.js';
import { CATEGORIES } from '../../src/ndr/reasons/index.js';
import { hostileTest } from '../helpers/hostile.js';

const ALL = [
  ...MICROSOFT_RULES,
  ...MICROSOFT_POLICY_RULES,
  ...MICROSOFT_DELIVERY_RULES,
  ...GMAIL_RULES,
  ...PROVIDER_RULES,
];

describe('vendor tables', () => {
  it('every rule is well formed', () => {
    const ids = new Set(CATEGORIES.map((c) => c.id));
    for (const r of ALL) {
      assert.ok(r.codes || r.text, r.title);
      for (const c of r.codes ?? []) assert.match(c, /^[245]\.\d{1,3}\.\d{1,3}(?:-\d{1,3})?$/, r.title);
      assert.ok(ids.has(r.category), r.title);
      assert.ok(r.title && r.meaning.length > 10 && r.fix.length > 5 && r.ref.length > 5, r.title);
    }
  });

  // Each rule's pattern on 5 KB of text built to make a backtracking pattern re-read it: a linear
  // pattern takes well under a millisecond, a quadratic one seconds. The budget is generous and a
  // rule over it is measured once more, so a busy machine does not fail the test.
  hostileTest('text patterns stay fast on long hostile text: each rule under its budget', 20_000, () => {
    const hostile = `${'a '.repeat(2000)}${'@.'.repeat(500)}`;
    const RULE_BUDGET_MS = 250;
    const time = (re: RegExp) => {
      const started = performance.now();
      re.test(hostile);
      return performance.now() - started;
    };
    const withText = ALL.filter((r) => r.text);
    assert.ok(withText.length > 20, `only ${withText.length} rules have text patterns`);
    const slow: string[] = [];
    for (const r of withText) {
      let ms = time(r.text!);
      if (ms > RULE_BUDGET_MS) ms = Math.min(ms, time(r.text!));
      if (ms > RULE_BUDGET_MS) slow.push(`${r.title}: ${r.text} took ${Math.round(ms)} ms`);
    }
    assert.deepEqual(slow, []);
  });
});

describe('code ranges', () => {
  it('5.7.606-649 covers its bounds only', () => {
    assert.match(findVendorRule('5.7.606', '', undefined)?.title ?? '', /Banned sending IP/);
    assert.match(findVendorRule('5.7.649', '', undefined)?.title ?? '', /Banned sending IP/);
    assert.doesNotMatch(findVendorRule('5.7.650', '', undefined)?.title ?? '', /Banned sending IP/);
  });

  it('4.7.500-699 and 5.4.6-20', () => {
    assert.match(findVendorRule('4.7.555', '', undefined)?.title ?? '', /Temporarily restricted/);
    assert.match(
      findVendorRule('5.4.14', 'Hop count exceeded - possible mail loop ATTR34', undefined)?.title ?? '',
      /loop/,
    );
  });

  it('registry codes need the provider when the rule has no distinctive text', () => {
    assert.equal(findVendorRule('5.1.10', 'some text', undefined), undefined);
    assert.equal(findVendorRule('5.1.10', 'some text', 'microsoft')?.category, 'unknown-user');
    assert.equal(findVendorRule('4.4.7', 'Message expired', undefined), undefined);
    assert.equal(findVendorRule('4.4.7', 'Message expired', 'microsoft')?.category, 'expired');
  });
});

describe('provider detection', () => {
  it('by remote MTA, text, or recipient domain', () => {
    assert.equal(detectProvider('contoso-com.mail.protection.outlook.com'), 'microsoft');
    assert.equal(detectProvider('mx1.hotmail.com'), 'outlook.com');
    assert.equal(detectProvider('gmail-smtp-in.l.google.com.'), 'gmail');
    assert.equal(detectProvider('mta7.am0.yahoodns.net'), 'yahoo');
    assert.equal(detectProvider('mx01.mail.icloud.com'), 'icloud');
    assert.equal(detectProvider(undefined, '550 5.1.1 ... - gsmtp'), 'gmail');
    assert.equal(
      detectProvider(undefined, '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##'),
      'microsoft',
    );
    assert.equal(detectProvider(undefined, undefined, 'me.com'), 'icloud');
    assert.equal(detectProvider('mx.example.com', 'User unknown', 'example.com'), undefined);
  });
});
