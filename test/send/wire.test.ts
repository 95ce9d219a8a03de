// The wire form of the message is built only for the command that carries it: BDAT never builds
// the dot-stuffed DATA form (a 50 MB message would be held twice), DATA never the BDAT form.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sendTest } from '../../src/send/flow.js';
import { buildMessage, dataPayload, messageFromFile, toCrlf } from '../../src/send/message.js';
import { wireMessage } from '../../src/send/wire.js';
import { timeoutsFromSeconds } from '../../src/smtp/session.js';
import { type FakeConn, scriptedServers } from './book-fake.js';

const servers = scriptedServers();
after(servers.closeAll);

test('the DATA size is counted without building it, and matches what DATA sends', () => {
  for (const text of ['.a\r\nb\r\n.\r\n..c\r\n', 'Subject: x\n\n.hidden\nend', 'no dot\r\n', '.\r\n.\r\n.']) {
    const m = messageFromFile(Buffer.from(text, 'latin1'));
    const wire = wireMessage(m);
    assert.equal(wire.dataBytes, wire.data().length, JSON.stringify(text));
    assert.deepEqual(wire.data(), dataPayload(text, 'latin1'));
    assert.deepEqual(wire.bdat(), Buffer.from(toCrlf(text), 'latin1'), 'the BDAT form is not dot-stuffed');
  }
});

/** A server offering `extensions` that takes one message, by BDAT or DATA, and says which. */
function takesOne(extensions: string[]) {
  return async (c: FakeConn) => {
    c.send('220 fake.test ESMTP');
    for (let n = 0; n < 2000; n++) {
      const l = await c.readLine();
      if (l === null) return;
      if (l.startsWith('EHLO'))
        c.send(
          '250-fake.test',
          ...extensions.map((e, i) => `250${i === extensions.length - 1 ? ' ' : '-'}${e}`),
        );
      else if (l.startsWith('BDAT')) {
        const want = Number(l.split(' ')[1]);
        let got = 0;
        while (got < want) {
          const body = await c.readLine();
          if (body === null) return;
          got += Buffer.byteLength(body, 'latin1') + 2;
        }
        c.send('250 2.0.0 queued as BDATQ');
      } else if (l === 'DATA') {
        c.send('354 go ahead');
        for (let i = 0; i < 1000; i++) if ((await c.readLine()) === '.') break;
        c.send('250 2.0.0 queued as DATAQ');
      } else if (l === 'QUIT') {
        c.send('221 bye');
        return c.end();
      } else c.send('250 ok');
    }
  };
}

for (const chunking of [true, false]) {
  test(`${chunking ? 'BDAT' : 'DATA'}: only the ${chunking ? 'plain' : 'dot-stuffed'} form is built`, async () => {
    const s = await servers.start(takesOne(['CHUNKING', 'PIPELINING', 'SIZE 100000']));
    const message = buildMessage({
      from: 'a@b.test',
      to: ['c@d.test'],
      body: '.a line with a leading dot',
      heloName: 'client.test',
      server: 'fake',
    });
    const real = wireMessage(message);
    const built: string[] = [];
    const spy = {
      dataBytes: real.dataBytes,
      data: () => {
        built.push('data');
        return real.data();
      },
      bdat: () => {
        built.push('bdat');
        return real.bdat();
      },
    };
    const out = await sendTest(
      {
        host: '127.0.0.1',
        port: s.port,
        tlsMode: 'none',
        insecure: false,
        allowPlaintextAuth: false,
        heloName: 'client.test',
        from: 'a@b.test',
        to: ['c@d.test'],
        message,
        chunking,
        timeouts: timeoutsFromSeconds(5),
      },
      spy,
    );
    assert.equal(out.queueId, chunking ? 'BDATQ' : 'DATAQ', JSON.stringify(out.failure));
    assert.equal(out.chunked, chunking || undefined);
    assert.deepEqual(built, [chunking ? 'bdat' : 'data']);
    assert.equal(out.messageBytes, chunking ? real.bdat().length : real.dataBytes);
  });
}
