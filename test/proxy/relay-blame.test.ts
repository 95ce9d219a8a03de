// relay --proxy with two addresses: the proxy is blamed only when no server answered. Here the
// first address is refused as the proxy saw it (nothing listens there) and the second answers with
// a 554 greeting: the result is about the servers (unreachable, the 554 named), not "the proxy failed".
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { relayTest } from '../../src/checks/relay/session.js';
import type { Resolver } from '../../src/dns/index.js';
import { timeoutsFromSeconds } from '../../src/smtp/options.js';
import { parseProxyUrl } from '../../src/smtp/proxy-url.js';
import { scriptedServers } from '../helpers/fake-smtp.js';
import { startSocks5 } from '../helpers/socks5-server.js';

const servers = scriptedServers();
after(servers.closeAll);

test('relay through a proxy: one address refused at the proxy, the other answering 554 → the servers are named, not the proxy', {
  timeout: 30_000,
}, async () => {
  const answering = await servers.start(async (c) => {
    c.send('554 5.7.1 no service for you');
    c.end();
  }, '127.0.0.4');
  const proxy = await startSocks5();
  try {
    const resolver = {
      addresses: async () => ({ addresses: ['127.0.0.3', '127.0.0.4'], outcome: 'ok' }),
    } as unknown as Resolver;
    const facts = await relayTest(
      { raw: `two.test:${answering.port}`, host: 'two.test', port: answering.port },
      {
        resolver,
        port: 25,
        tls: false,
        timeouts: timeoutsFromSeconds(5),
        addresses: { outsideSender: 'a@example.org', outsideRecipient: 'b@example.net' },
        proxy: parseProxyUrl(proxy.url()),
        progress() {},
      },
    );
    assert.equal(facts.kind, 'unreachable', JSON.stringify(facts.kind));
    assert.match((facts as { tried: string }).tried, /554/);
    assert.equal(proxy.requests.length, 2, 'both addresses were tried through the proxy');
  } finally {
    await proxy.close();
  }
});
