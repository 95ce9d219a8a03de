// The human output says when every connection went through --proxy (data.proxy), under the title.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finding, type Result } from '../../src/findings/model.js';
import { renderHuman } from '../../src/render/human.js';

const result = (data: Record<string, unknown>): Result => ({
  command: 'probe',
  target: 'example.test',
  findings: [finding('probe.open', 'ok', { title: 'mx answers', detail: '', fix: '', ref: 'Book ch. 5' })],
  data,
  metrics: [],
  tables: [],
});

test('human output names the proxy the results were seen from, and only when there is one', () => {
  const text = renderHuman(result({ proxy: 'socks5://192.0.2.9:1080' }), { color: false }, 100);
  assert.match(
    text,
    /^probe example\.test: OK\nSMTP as seen from the SOCKS proxy socks5:\/\/192\.0\.2\.9:1080 \(DNS and HTTPS lookups from this machine\)\n/,
  );
  assert.doesNotMatch(renderHuman(result({}), { color: false }, 100), /SOCKS/);
  // A hostile value is shown on one line, control characters made visible.
  const hostile = renderHuman(result({ proxy: 'socks5://h:1\n\x1b[2Jx' }), { color: false }, 100);
  assert.ok(!hostile.includes('\x1b'));
});
