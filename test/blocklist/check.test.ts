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

  test('--skip blocklist leaves the group out', async () => {
    const r = await check('domain.targets.test', '--skip', 'blocklist');
    const [res] = jsonLines(r.stdout);
    assert.ok(!res.findings.some((f: { group: string }) => f.group === 'blocklist'));
    assert.equal(res.data.blocklist, undefined);
  });
});
