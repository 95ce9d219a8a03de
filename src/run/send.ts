// `mailflow send`: turn options into a send plan, pick the server (given, or the recipient
// domain's best reachable MX), run the test send, and report findings. Every string that
// leaves this module passes the password scrubber.
import type { SendArgs } from '../../commands/send.js';
import type { RunContext } from '../cli/command.js';
import { familyFromArgs, ipLiteralOf, resolverFromArgs, resolveTarget } from '../dns/index.js';
import { fileErrorText, UsageError } from '../findings/errors.js';
import { type Finding, finding, type Result } from '../findings/model.js';
import { readCapped } from '../io/input.js';
import { checkAddress, checkHeloName, domainOf, parseSmtpServer } from '../send/address.js';
import { readAttachments } from '../send/attachments.js';
import { type AuthMechanism, Secrets, usesToken } from '../send/auth.js';
import type { AuthRequest } from '../send/auth-stage.js';
import { newEnvid } from '../send/dsn.js';
import { sendFindings } from '../send/findings.js';
import {
  type QuitAfter,
  type SendOutcome,
  type SendPlan,
  type StopPoint,
  sendTest,
  type TlsMode,
} from '../send/flow.js';
import { buildMessage, messageFromFile } from '../send/message.js';
import { PROCESS_LIST_WARNING, resolvePassword, ttyPrompt } from '../send/password.js';
import { sendData, transcriptTable } from '../send/report.js';
import { formatBytes, MAX_MESSAGE_BYTES, parseSize } from '../send/size.js';
import { readCaFile } from '../smtp/ca-file.js';
import { certificatesOf, certTable, checkWritable, saveChains } from '../smtp/cert-output.js';
import { defaultHeloName } from '../smtp/helo-name.js';
import { checkLocalAddress } from '../smtp/local-address.js';
import { MAX_ADDRESSES_PER_HOST } from '../smtp/options.js';
import { proxyFromArgs } from '../smtp/proxy-url.js';
import { timeoutsFromSeconds } from '../smtp/session.js';
import { tlsClientOptions } from '../smtp/tls-client.js';

/** A whole file named by an option, at most `max` bytes (/dev/zero or a FIFO stops there). */
async function readOption(label: string, file: string, max: number): Promise<Buffer> {
  let got: { bytes: Buffer; more: boolean };
  try {
    got = await readCapped(file, max);
  } catch (e) {
    throw new UsageError(`cannot read ${label} ${file}: ${fileErrorText(e)}`);
  }
  if (got.more)
    throw new UsageError(`${label} ${file} is more than ${formatBytes(max)}; mailflow sends at most that`);
  return got.bytes;
}

/** swaks' names for the stop points: banner is connect (after the greeting), starttls is tls. */
function stopPoint<T extends string>(raw: T | undefined): StopPoint | undefined {
  if (raw === undefined) return undefined;
  return (raw === 'banner' ? 'connect' : raw === 'starttls' ? 'tls' : raw) as StopPoint;
}

export async function* run(args: SendArgs, ctx: RunContext): AsyncGenerator<Result> {
  let secrets: Secrets | undefined;
  try {
    yield* send(args, ctx, (s) => {
      secrets = s;
    });
  } catch (e) {
    // Errors end up on stderr as one line: scrub them like everything else.
    // -v prints the stack, which carries its own copy of the message.
    if (secrets && e instanceof Error) {
      e.message = secrets.scrub(e.message);
      if (e.stack) e.stack = secrets.scrub(e.stack);
    }
    throw e;
  }
}

async function* send(args: SendArgs, ctx: RunContext, keep: (s: Secrets) => void): AsyncGenerator<Result> {
  // Checked by the declaration's validate (commands/send.ts); here only taken apart.
  const from = checkAddress('--from', String(args.from ?? ''), true);
  const to = (args.to ?? []).map((t) => checkAddress('--to', String(t)));
  const heloName = args.helo !== undefined ? checkHeloName(args.helo) : undefined;
  const server = args.server !== undefined ? parseSmtpServer(args.server) : undefined;

  // --auth names the mechanism; --user alone lets mailflow choose the best one the server offers,
  // for a password, or for a token when one comes with --token-file (src/send/auth-choice.ts).
  const explicit = args.auth ? (args.auth.toUpperCase() as AuthMechanism) : undefined;
  const mechanism: AuthRequest['mechanism'] | undefined = explicit ?? (args.user ? 'auto' : undefined);
  const token = explicit ? usesToken(explicit) : mechanism === 'auto' && args.tokenFile !== undefined;
  const tlsMode: TlsMode = args.tlsOnConnect
    ? 'implicit'
    : args.tls === true
      ? 'starttls'
      : args.tls === false
        ? 'none'
        : 'auto';
  const port = args.port ?? server?.port ?? (tlsMode === 'implicit' ? 465 : mechanism ? 587 : 25);
  const ca = await readCaFile(args.ca);
  const tlsClient = await tlsClientOptions(args);
  if (args.saveCerts !== undefined) checkWritable(args.saveCerts);
  const attached = args.attach ? await readAttachments(args.attach.map(String)) : undefined;
  const message =
    args.data !== undefined
      ? messageFromFile(await readOption('--data', args.data, MAX_MESSAGE_BYTES))
      : buildMessage({
          from,
          to,
          subject: args.subject,
          body: args.body,
          headers: args.header?.map(String),
          // The message names us even before a session knows its local address.
          heloName: heloName ?? (await defaultHeloName()) ?? 'localhost',
          server: server ? `${server.host}:${port}` : `the MX of ${domainOf(to[0]!)}`,
          ...(attached ? { attachments: attached.attachments } : {}),
          ...(args.size !== undefined ? { padTo: parseSize(args.size) } : {}),
        });

  // The password last, so a usage mistake above never costs a prompt.
  let secrets: Secrets | undefined;
  if (mechanism) {
    if (args.password !== undefined) ctx.warn(PROCESS_LIST_WARNING);
    ctx.progress.stop();
    const { password } = await resolvePassword(
      token
        ? {
            file: args.tokenFile,
            env: process.env.MAILFLOW_TOKEN,
            prompt: ttyPrompt(),
            user: args.user!,
            kind: 'token',
          }
        : {
            option: args.password,
            file: args.passwordFile,
            env: process.env.MAILFLOW_PASSWORD,
            prompt: ttyPrompt(),
            user: args.user!,
          },
    );
    secrets = new Secrets(password, args.user);
    keep(secrets);
  }

  const base = {
    tlsMode,
    ca,
    tlsClient,
    insecure: args.insecure,
    auth: mechanism
      ? { mechanism, user: args.user!, credential: token ? ('token' as const) : ('password' as const) }
      : undefined,
    secrets,
    allowPlaintextAuth: args.allowPlaintextAuth,
    heloName,
    from,
    to,
    message,
    quitAfter: stopPoint(args.quitAfter) as QuitAfter | undefined,
    dropAfter: stopPoint(args.dropAfter),
    chunking: args.chunking,
    pipelining: args.pipelining,
    ...(args.dsnNotify || args.dsnRet
      ? { dsn: { notify: args.dsnNotify, ret: args.dsnRet, envid: newEnvid() } }
      : {}),
    timeouts: timeoutsFromSeconds(args.timeout ?? 10),
    family: familyFromArgs(args),
    proxy: proxyFromArgs(args),
    ...(args.localAddress !== undefined ? { localAddress: checkLocalAddress(args.localAddress) } : {}),
    onStage: (stage: string) => ctx.progress.update(`send: ${stage.toUpperCase()}`),
  };
  const started = performance.now();
  const { target, outcome, extra } = server
    ? { target: '', outcome: await viaServer(args, base, server.host, port), extra: [] as Finding[] }
    : await viaMx(args, base, port, to);
  if (args.saveCerts !== undefined) {
    const n = saveChains(args.saveCerts, [{ label: outcome.server, tls: outcome.tls }]);
    if (!n)
      ctx.warn(`--save-certs: nothing written to ${args.saveCerts}: the session did not get as far as TLS`);
  }
  if (args.showCerts && !outcome.tls)
    ctx.warn('--show-certs: no certificates to show: the session did not get as far as TLS');
  const result = report(
    target || outcome.server,
    outcome,
    [...(attached?.findings ?? []), ...extra],
    message.messageId,
    (performance.now() - started) / 1000,
    args,
  );
  yield secrets ? secrets.scrubValue(result) : result;
}

type BasePlan = Omit<SendPlan, 'host' | 'port'>;

/**
 * An exchanger a sending MTA would pass over for the next one (RFC 5321 §5.1): no connection, or
 * no usable greeting (silence, a hang-up, a 4xx/5xx refusal; Postfix skips 5xx greetings too).
 */
function unusable(o: SendOutcome): boolean {
  return (
    (o.failure?.kind === 'connect-failed' &&
      (o.failure.stage === 'connect' || o.failure.stage === 'greeting')) ||
    // The proxy could not reach this address; another may work (a dead proxy fails them all alike).
    (o.failure?.kind === 'proxy-failed' && o.failure.proxy?.stage === 'target')
  );
}

/**
 * --server: an address is used as is; a name is resolved through mailflow's resolver (--dns),
 * never the system's, and its addresses tried in order. The name stays the TLS server name.
 */
async function viaServer(args: SendArgs, base: BasePlan, host: string, port: number): Promise<SendOutcome> {
  if (ipLiteralOf(host))
    return sendTest({ ...base, host: ipLiteralOf(host)!, port, servername: args.tlsName });
  // socks5h: the proxy resolves the name, as seen from where it runs.
  if (base.proxy?.remoteDns) return sendTest({ ...base, host, servername: args.tlsName ?? host, port });
  const resolver = resolverFromArgs(args);
  const found = await resolver.addresses(host, base.family);
  if (found.addresses.length === 0) {
    const outcome = emptyOutcome(host, port);
    const said = found.v4?.error ?? found.v6?.error ?? found.outcome;
    outcome.failure = {
      kind: 'connect-failed',
      stage: 'connect',
      message: `${host} could not be resolved: ${found.outcome === 'nxdomain' ? 'it does not exist (NXDOMAIN)' : said} (DNS server ${resolver.server})`,
    };
    return outcome;
  }
  let outcome: SendOutcome | undefined;
  for (const address of found.addresses.slice(0, MAX_ADDRESSES_PER_HOST)) {
    outcome = await sendTest({ ...base, host: address, servername: args.tlsName ?? host, port });
    if (!unusable(outcome)) break;
  }
  return { ...outcome!, server: `${host}:${port}` };
}

/** No --server: the recipients' domain's exchangers in preference order, first one that answers. */
async function viaMx(
  args: SendArgs,
  base: BasePlan,
  port: number,
  to: string[],
): Promise<{ target: string; outcome: SendOutcome; extra: Finding[] }> {
  // One domain: the declaration's validate refuses several without --server.
  const domain = domainOf(to[0]!).toLowerCase();
  const resolved = await resolveTarget(resolverFromArgs(args), domain, { family: base.family });
  const candidates = resolved.servers.flatMap((s) => s.addresses.map((a) => ({ name: s.host, address: a })));
  if (candidates.length === 0) {
    const outcome: SendOutcome = emptyOutcome(domain, port);
    outcome.failure = {
      kind: 'connect-failed',
      stage: 'connect',
      message: `no server to deliver to: ${resolved.error ?? `${domain} has no usable MX`}`,
    };
    return { target: domain, outcome, extra: [] };
  }
  const skipped: string[] = [];
  let outcome: SendOutcome | undefined;
  // Bounded: at most 10 addresses, as a sending MTA would give up long before that.
  for (const c of candidates.slice(0, 10)) {
    outcome = await sendTest({ ...base, host: c.address, servername: args.tlsName ?? c.name, port });
    if (!unusable(outcome)) break;
    skipped.push(`${c.name} [${c.address}]: ${outcome.failure!.message}`);
  }
  const extra: Finding[] = [];
  if (skipped.length && outcome && !unusable(outcome)) {
    extra.push(
      finding('send.mx-skipped', 'info', {
        title: `${skipped.length} better-preference MX address(es) did not answer`,
        detail: `Tried in MX order before reaching ${outcome.server}: ${skipped.join('; ')}.`,
        fix: 'Check that every MX host listed for the domain accepts connections on port 25, or remove the dead ones.',
        ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility; RFC 5321 §5.1',
      }),
    );
  }
  return { target: domain, outcome: outcome!, extra };
}

function emptyOutcome(host: string, port: number): SendOutcome {
  return {
    server: `${host}:${port}`,
    stage: 'connect',
    recipients: [],
    authenticated: false,
    messageBytes: 0,
    notes: [],
    transcript: [],
  };
}

function report(
  target: string,
  o: SendOutcome,
  extra: Finding[],
  messageId: string,
  seconds: number,
  args: SendArgs,
): Result {
  const findings = [...sendFindings(o), ...extra];
  const failed = findings.some((f) => f.severity === 'fail' || f.severity === 'warn');
  // Nothing was said when nothing was connected to (e.g. the name did not resolve): no empty table.
  const tables = (args.transcript || failed) && o.transcript.length > 0 ? [transcriptTable(o)] : [];
  const certificates = args.showCerts ? certificatesOf(o.tls) : undefined;
  if (certificates?.length) tables.unshift(certTable(certificates));
  return {
    command: 'send',
    target,
    findings,
    data: {
      ...sendData(o, messageId),
      ...(certificates ? { certificates } : {}),
      ...(args.proxy !== undefined ? { proxy: proxyFromArgs(args)!.label } : {}),
    },
    metrics: [
      {
        name: 'send_duration',
        value: Math.round(seconds * 1000) / 1000,
        unit: 's',
        help: 'Time for the whole test send',
      },
    ],
    tables,
  };
}
