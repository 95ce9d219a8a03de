// When every exchanger times out, `check` must not claim the servers are down: it says port 25
// may be blocked on the path from here, and uses --control to tell the two apart.
// A "blackhole" is a listener whose accept queue is full, so the kernel drops further SYNs.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type CliRun, jsonLines, runCli } from '../helpers/cli.js';
import { type FakeServer, faults, startFakeSmtp } from '../helpers/fake-smtp.js';
import { type NsdInstance, skipNsd, startNsd, zoneText } from '../helpers/nsd.js';

const ZONE = zoneText(
  'blocked.test',
  `@            MX    10 mx
mx           A     127.0.0.1
`,
);

// A child that listens with a backlog of 1 and then never accepts (its event loop is blocked).
const BLACKHOLE = `
const s = require('net').createServer();
s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(String(s.address().port) + '\\n', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000));
});`;

interface Blackhole {
  port: number;
  stop(): void;
}

async function startBlackhole(): Promise<Blackhole> {
  const child: ChildProcess = spawn(process.execPath, ['-e', BLACKHOLE], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('blackhole did not start')), 10000);
    child.stdout!.once('data', (d) => {
      clearTimeout(t);
      resolve(Number(String(d).trim()));
    });
  });
  // Fill the accept queue; later connection attempts then get no answer at all.
  const fillers: Socket[] = [];
  for (let i = 0; i < 4; i++) {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => {});
    fillers.push(s);
  }
  await new Promise((r) => setTimeout(r, 200));
  return {
    port,
    stop: () => {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
    },
  };
}

function only(r: CliRun): any {
  const lines = jsonLines(r.stdout);
  assert.equal(lines.length, 1, `expected one JSON line, exit ${r.code}, stderr: ${r.stderr}`);
  return lines[0];
}
const sevOf = (res: any, id: string) => res.findings.find((f: { id: string }) => f.id === id)?.severity;

describe('mailflow check: every exchanger times out', { skip: skipNsd() }, () => {
  let nsd: NsdInstance;
  let hole: Blackhole;
  let open: FakeServer;
  before(async () => {
    nsd = await startNsd([{ name: 'blocked.test', text: ZONE }]);
    hole = await startBlackhole();
    open = await startFakeSmtp(faults.rejectGreeting('220 control.test ESMTP'));
  });
  after(async () => {
    hole?.stop();
    await open?.close();
    await nsd?.stop();
  });
  const run = (extra: string[]) =>
    runCli([
      'check',
      'blocked.test',
      '--json',
      '--only',
      'smtp',
      '--dns',
      nsd.server,
      '--port',
      String(hole.port),
      '--timeout',
      '1',
      ...extra,
    ]);

  // [test name, --control target (none, the answering server, the blackhole), severities by finding id, exit code]
  const cases: [string, () => string[], Record<string, string>, number][] = [
    [
      'without --control: unknown, "port 25 may be blocked", not "server down"',
      () => [],
      { 'probe.timeout': 'unknown', 'check.port25-maybe-blocked': 'unknown' },
      3,
    ],
    [
      'a control host that answers proves the timeouts are real',
      () => ['--control', `127.0.0.1:${open.port}`],
      { 'probe.timeout': 'fail', 'check.control-ok': 'info' },
      2,
    ],
    [
      'a control host that times out too means port 25 is blocked here',
      () => ['--control', `127.0.0.1:${hole.port}`],
      { 'check.port25-blocked': 'unknown' },
      3,
    ],
  ];
  for (const [name, control, severities, code] of cases) {
    it(name, async () => {
      const r = await run(control());
      const res = only(r);
      for (const [id, severity] of Object.entries(severities))
        assert.equal(sevOf(res, id), severity, `${id}: ${JSON.stringify(res.findings)}`);
      assert.equal(r.code, code);
    });
  }
});
