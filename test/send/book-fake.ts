// What the send and relay tests take from the shared scripted server, plus a port with nothing on it.
import { createServer } from 'node:net';

export {
  EXAMPLE_7,
  type FakeConn,
  type FakeServer,
  multiline,
  scriptedServers,
  startFakeSmtp,
} from '../helpers/fake-smtp.js';

/** A loopback port that was free a moment ago (for "nothing listening" tests). */
export function freePortHint(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}
