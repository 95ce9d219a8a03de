// The blocklist group of `mailflow check`: exchanger addresses and the domain against the default
// lists, served by NSD on loopback (each default zone answers its RFC 5782 test points).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { selectZones } from '../../src/checks/blocklist/select.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { type NsdInstance, skipNsd, startNsd, type Zone, zoneText } from '../helpers/nsd.js';
import { BLOCKLIST_ZONES } from './zones.js';

/** Every default zone not already in BLOCKLIST_ZONES, answering only its test point. */
function healthyDefaults(): Zone[] {
  const served = new Set(BLOCKLIST_ZONES.map((z) => z.name));
  return selectZones({})
    .filter((z) => !served.has(z.query))
    .map((z) => {
      const point = z.def.kind === 'ip' ? '2.0.0.127' : (z.def.testListed ?? 'test');
      return { name: z.query, text: zoneText(z.query, `${point}.${z.query}.  A  127.0.0.2`) };
    });
}

describe('mailflow check: the blocklist group', { skip: skipNsd() }, () => {
  let nsd: NsdInstance;
  const check = (...args: string[]) =>
    runCli(['check', ...args, '--json', '--dns', nsd.server, '--timeout', '3', '--skip', 'smtp']);
  before(async () => {
    nsd = await startNsd([...BLOCKLIST_ZONES, ...healthyDefaults()]);
  });
  after(() => nsd?.stop());

  test('a listed exchanger fails the group; a PBL-listed inbound-only exchanger is info; metrics per target', async () => {
    const r = await check('domain.targets.test', 'inbound.targets.test');
    const [listed, inbound] = jsonLines(r.stdout);
    const group = (res: { findings: { id: string; severity: string; group: string }[] }) =>
      res.findings.filter((f) => f.group === 'blocklist').map((f) => `${f.id}:${f.severity}`);
    assert.ok(group(listed).includes('blocklist.listed:fail'), JSON.stringify(group(listed)));
    assert.deepEqual(group(inbound), ['blocklist.policy-listed:info']);
    assert.equal(listed.data.blocklist.type, 'domain');
    assert.ok(
      listed.metrics.some(
        (m: { name: string; value: number }) => m.name === 'blocklist_listings' && m.value === 1,
      ),
    );
  });

  test('--zone/--add-zone choose the lists as in mailflow blocklist', async () => {
    const r = await check(
      'domain.targets.test',
      '--zone',
      'minor.bl.test',
      '--add-zone',
      'domains.bl.test:domain',
    );
    const [res] = jsonLines(r.stdout);
    assert.ok(res, r.stderr);
    assert.deepEqual(
      res.data.blocklist.zones.map((z: { zone: string; health: string }) => `${z.zone} ${z.health}`),
      ['minor.bl.test ok', 'domains.bl.test ok'],
    );
    const listed = res.findings.filter((f: { id: string }) => f.id === 'blocklist.listed');
    assert.deepEqual(
      listed.map((f: { severity: string; data: { subject: string; zone: string } }) =>
        [f.data.subject, f.data.zone, f.severity].join(' '),
      ),
      ['192.0.2.2 minor.bl.test warn'],
    );
  });

  test('--dqs-key: Spamhaus asked as <key>.zen.dq.spamhaus.net, the key never printed', async () => {
    const key = 'abcdef0123456789secret';
    const r = await check('domain.targets.test', '--zone', 'zen', '--dqs-key', key, '-v');
    assert.ok(!r.stdout.includes(key) && !r.stderr.includes(key), 'the key appears nowhere');
    const [res] = jsonLines(r.stdout);
    // NSD does not serve dq.spamhaus.net: the zone fails as a whole, named with the key redacted.
    assert.deepEqual(
      res.data.blocklist.zones.map((z: { zone: string }) => z.zone),
      ['<dqs-key>.zen.dq.spamhaus.net'],
    );
  });

  test("an IPv6 exchanger: asked only of lists passing their IPv6 test points (the zones' data says which hold IPv6)", async () => {
    const r = await check('domain6.targets.test', '--zone', 'zen', '--zone', 'v6silent.bl.test');
    const [res] = jsonLines(r.stdout);
    assert.ok(res, r.stderr);
    const group = res.findings
      .filter((f: { group: string }) => f.group === 'blocklist')
      .map((f: { id: string; data: { zone: string; family?: number } }) =>
        [f.id, f.data.zone, f.data.family ?? '-'].join(' '),
      );
    assert.deepEqual(group.sort(), [
      'blocklist.listed zen.spamhaus.org -',
      'blocklist.zone-broken v6silent.bl.test 6',
    ]);
  });

  test('a dead list, a malformed key, or --zone with the blocklist group left out: usage errors', async () => {
    for (const args of [
      ['--zone', 'sorbs'],
      ['--dqs-key', 'not a key!'],
      ['--zone', 'zen', '--skip', 'blocklist'],
      ['--tier', '1', '--only', 'mx'],
    ]) {
      const r = await runCli(['check', 'domain.targets.test', ...args]);
      assert.equal(r.code, 3, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    }
    const r = await runCli(['check', 'domain.targets.test', '--zone', 'zen', '--skip', 'blocklist']);
    assert.match(r.stderr, /--zone chooses the blocklist group's lists/);
  });

  test('--skip blocklist leaves the group out', async () => {
    const r = await check('domain.targets.test', '--skip', 'blocklist');
    const [res] = jsonLines(r.stdout);
    assert.ok(!res.findings.some((f: { group: string }) => f.group === 'blocklist'));
    assert.equal(res.data.blocklist, undefined);
  });
});
