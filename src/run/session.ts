// `mailflow session <host[:port]>`: connect, show the greeting, then either the interactive
// session on the terminal or a --replay of a recorded one. One Result at the end: how it went.
import { writeFileSync } from 'node:fs';
import type { SessionArgs } from '../../commands/session.js';
import type { FindingId } from '../catalogue.js';
import { PROXY_REF, proxyFix } from '../checks/shared/proxy-advice.js';
import type { RunContext } from '../cli/command.js';
import { familyFromArgs, ipLiteralOf, resolverFromArgs } from '../dns/index.js';
import { count } from '../findings/count.js';
import { fileErrorText, UsageError } from '../findings/errors.js';
import { finding, type Result } from '../findings/model.js';
import { readCapped } from '../io/input.js';
import { checkHeloName, parseSmtpServer } from '../send/address.js';
import { Driver } from '../session/driver.js';
import { interactive } from '../session/interactive.js';
import { parseRecording, recordHeader } from '../session/record.js';
import { replay } from '../session/replay.js';
import { readCaFile, trustingCa } from '../smtp/ca-file.js';
import { isSmtpError, type SmtpError } from '../smtp/errors.js';
import { defaultHeloName } from '../smtp/helo-name.js';
import { checkLocalAddress } from '../smtp/local-address.js';
import { MAX_ADDRESSES_PER_HOST } from '../smtp/options.js';
import { proxyFromArgs } from '../smtp/proxy-url.js';
import { SmtpSession, timeoutsFromSeconds } from '../smtp/session.js';
import { isProxyError, type ProxyError } from '../smtp/socks5-connect.js';
import { tlsClientOptions } from '../smtp/tls-client.js';

const REF = 'Book ch. 5, Using Telnet to Ensure Internet Accessibility; RFC 5321 §4.1';

export async function* run(args: SessionArgs, ctx: RunContext): AsyncGenerator<Result> {
  const server = String([args.server].flat()[0] ?? '');
  const target = parseSmtpServer(server, 'the server');
  const port = args.port ?? target.port ?? (args.tlsOnConnect ? 465 : 25);
  const heloName =
    args.helo !== undefined ? checkHeloName(args.helo) : ((await defaultHeloName()) ?? 'localhost');
  const interactiveMode = args.replay === undefined;
  if (interactiveMode && !(process.stdin.isTTY && process.stdout.isTTY)) {
    throw new UsageError(
      'needs a terminal (standard input and output); use --replay <file> to run a recorded session from a script',
    );
  }
  const steps = args.replay !== undefined ? parseRecording(await readRecording(args.replay)) : [];
  const ca = await readCaFile(args.ca);
  const family = familyFromArgs(args);
  const proxy = proxyFromArgs(args);
  const literal = ipLiteralOf(target.host);
  let addresses: string[];
  if (literal) addresses = [literal];
  // socks5h: the proxy resolves the name, as seen from where it runs.
  else if (proxy?.remoteDns) addresses = [target.host];
  else {
    const found = await resolverFromArgs(args).addresses(target.host, family);
    if (!found.addresses.length)
      return yield result(args, [fail('session.connect-failed', `${target.host} could not be resolved`)]);
    addresses = found.addresses;
  }
  const base = timeoutsFromSeconds(args.timeout ?? 10);
  // At the terminal a reply may be waited for as long as the person likes (Ctrl-C stops waiting).
  const timeouts = interactiveMode ? { ...base, reply: 3_600_000, deadline: 8 * 3_600_000 } : base;
  // The conversation is for a person: a replay with --json, nagios or prometheus keeps stdout for
  // the machine-readable result (`| jq` parses it; a Nagios status is the first line), so it goes to stderr.
  const machine = !interactiveMode && (args.json || (args.format !== undefined && args.format !== 'human'));
  const conversation = machine ? process.stderr : process.stdout;
  const print = (line: string) => conversation.write(`${line}\n`);
  const name = `${target.host}:${port}`;
  ctx.progress.stop();
  // A name's addresses are tried in turn, as send does (bounded: each silent one costs a timeout).
  const tried = addresses.slice(0, MAX_ADDRESSES_PER_HOST);
  let driver: Driver | undefined;
  let session: SmtpSession | undefined;
  let lastError: SmtpError | undefined;
  for (const [i, host] of tried.entries()) {
    const s = new SmtpSession({
      host,
      port,
      servername: args.tlsName ?? (literal ? undefined : target.host),
      family,
      ...(args.localAddress !== undefined ? { localAddress: checkLocalAddress(args.localAddress) } : {}),
      ...(proxy ? { proxy } : {}),
      implicitTls: !!args.tlsOnConnect,
      tls: { ...trustingCa(ca), ...(await tlsClientOptions(args)) },
      timeouts,
    });
    const d = new Driver(s, print, {
      allowPlaintextAuth: args.allowPlaintextAuth,
      insecure: args.insecure,
      heloName,
    });
    try {
      const via = proxy ? ` through the SOCKS proxy ${proxy.label}` : '';
      print(`* connecting to ${name}${host !== target.host ? ` (${host})` : ''}${via}`);
      await s.connect();
      if (s.tls) d.showTls(s.tls);
      const started = performance.now();
      const greeting = await s.greeting();
      d.showReply(greeting, Math.round(performance.now() - started));
      driver = d;
      session = s;
      break;
    } catch (e) {
      if (!isSmtpError(e)) throw e;
      s.close();
      lastError = e;
      // A proxy that cannot be reached or refuses us fails every address alike.
      if (isProxyError(e) && e.stage !== 'target') break;
      if (i + 1 < tried.length) print(`* ${host}: ${e.message}; trying the next address`);
    }
  }
  if (!driver || !session) {
    const e = lastError;
    if (isProxyError(e)) return yield result(args, [proxyFailed(name, e)]);
    return yield result(args, [fail('session.connect-failed', `${name}: ${e?.message ?? 'no address'}`)]);
  }
  if (interactiveMode) {
    if (args.record) writeFileSync(args.record, recordHeader(name), { mode: 0o600 });
    print('* type help for the helper commands; Ctrl-D or QUIT to leave');
    await interactive(driver, { record: args.record, prompt: 'smtp> ' });
    return yield result(args, [
      finding('session.ended', 'info', {
        title: `Session with ${name} ended after ${count(driver.commands, 'command')}`,
        detail: `${session.tls ? `Encrypted (${session.tls.protocol})` : 'Not encrypted'}; ${driver.authenticated ? 'authenticated' : 'not authenticated'}.${args.record ? ` Recorded to ${args.record}.` : ''}`,
        fix: '',
        ref: REF,
      }),
    ]);
  }
  const out = await replay(
    driver,
    steps,
    { password: process.env.MAILFLOW_PASSWORD || undefined, token: process.env.MAILFLOW_TOKEN || undefined },
    ctx.signal,
  );
  await driver.quit();
  if (!out.mismatch) {
    return yield result(args, [
      finding('session.replay-ok', 'ok', {
        title: `Replayed ${out.ran} of ${count(out.total, 'step')} from ${args.replay}; every reply was of the recorded class`,
        detail: `Against ${name}.`,
        fix: '',
        ref: REF,
      }),
    ]);
  }
  const m = out.mismatch;
  return yield result(args, [
    finding('session.unexpected-reply', 'fail', {
      title: `Replay stopped at line ${m.step.lineNo} (${m.step.input.split(/\s+/)[0]})`,
      detail: m.error
        ? `"${m.step.input}" failed: ${m.error}.`
        : `"${m.step.input}" was answered ${m.got ?? 'with nothing'}; the recording has ${m.step.expect}. ${count(out.ran - 1, 'step')} before it matched.`,
      fix: 'Compare the reply with the recorded one: the server (or its configuration) changed since the recording, or the recording needs updating (record it again with --record).',
      ref: REF,
      data: { line: m.step.lineNo, input: m.step.input, expected: m.step.expect ?? null, got: m.got ?? null },
    }),
  ]);
}

/** A recording is text typed at a prompt: 16 MiB is far more than one; /dev/zero is refused at that. */
const MAX_RECORDING_BYTES = 16 * 1024 * 1024;

async function readRecording(file: string): Promise<string> {
  let got: { bytes: Buffer; more: boolean };
  try {
    got = await readCapped(file, MAX_RECORDING_BYTES);
  } catch (e) {
    throw new UsageError(`cannot read --replay ${file}: ${fileErrorText(e)}`);
  }
  if (got.more || got.bytes.subarray(0, 8192).includes(0))
    throw new UsageError(
      `--replay ${file} is not a recording: ${got.more ? 'more than 16 MiB' : 'it holds NUL bytes'} (record one with --record)`,
    );
  return got.bytes.toString('utf8');
}

function fail(id: FindingId, detail: string) {
  return finding(id, 'fail', {
    title: 'Could not start an SMTP session',
    detail,
    fix: 'Check the host and port, that the server runs and that no firewall blocks the port (try: mailflow probe <host>).',
    ref: REF,
  });
}

function proxyFailed(name: string, e: ProxyError) {
  return finding('session.proxy-error', 'unknown', {
    title: `Could not start an SMTP session: the SOCKS proxy ${e.proxy} failed`,
    detail: `${name}: ${e.message}. The proxy failed, not the mail server.`,
    fix: proxyFix(e.stage, e.reply),
    ref: PROXY_REF,
    data: { proxy: e.proxy, proxyStage: e.stage, ...(e.reply !== undefined ? { socksReply: e.reply } : {}) },
  });
}

function result(args: SessionArgs, findings: ReturnType<typeof finding>[]): Result {
  return {
    command: 'session',
    target: String([args.server].flat()[0] ?? ''),
    findings,
    // Through a proxy the session is as seen from it (the label never carries the credentials).
    data: args.proxy !== undefined ? { proxy: proxyFromArgs(args)!.label } : {},
    metrics: [],
    tables: [],
  };
}
