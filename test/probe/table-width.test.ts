// The probe table at 80 columns: exchangers with their addresses, ports, times and banners stay
// a table (port under the server, greeting time under the connect time) instead of being stacked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProbeRecord } from '../../src/checks/probe/address.js';
import { probeTables } from '../../src/checks/probe/index.js';
import { renderHuman } from '../../src/render/human.js';

const records: ProbeRecord[] = [
  {
    host: 'mx1.ok.mailflow.test',
    address: '127.0.0.11',
    port: 25,
    service: 'smtp',
    outcome: 'open',
    connectMs: 12,
    greetingMs: 3,
    greeting: ['220 mx1.ok.mailflow.test ESMTP Postfix (Debian/GNU)'],
  },
  {
    host: 'mx2.ok.mailflow.test',
    address: '::1',
    port: 25,
    service: 'smtp',
    outcome: 'refused',
    error: { code: 'ECONNREFUSED', message: 'connection refused connecting to ::1 port 25' },
  },
];

const render = (columns: number) =>
  renderHuman(
    {
      command: 'probe',
      target: 'ok.mailflow.test',
      findings: [],
      data: {},
      tables: probeTables(records, false),
    },
    { color: false },
    columns,
  );

test('probe results are a table at 80 columns, port and greeting time folded, no token split', () => {
  const text = render(80);
  assert.match(text, /^│ Server +│ Outcome │ Connect +│ Banner \/ error +│$/m, text);
  assert.match(text, /^│ {3}Port +│ +│ {3}Greeting │ +│$/m, text);
  assert.match(text, /^│ mx1\.ok\.mailflow\.test │ open +│ 12 ms +│ 220 mx1\.ok\.mailflow\.test /m, text);
  assert.match(text, /^│ 127\.0\.0\.11 +│ +│ {3}3 ms +│ /m, text);
  assert.match(text, /^│ {3}25 smtp +│/m, text);
  for (const line of text.split('\n')) assert.ok(line.length <= 80, `${line.length} > 80: ${line}`);
});

test('at 120 columns every probe column stands on its own', () => {
  assert.match(render(120), /^│ Server +│ Port +│ Outcome │ Connect │ Greeting │ Banner \/ error +│$/m);
});
