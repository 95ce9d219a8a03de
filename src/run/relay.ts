// `mailflow relay <host|domain>`: the open-relay test. Unauthenticated MAIL/RCPT attempts for
// outside domains, each followed by RSET; never DATA, so nothing is ever sent.
import { randomBytes } from 'node:crypto';
import {
  type AttemptResult,
  canaryVariant,
  DEFAULT_OUTSIDE_RECIPIENT,
  DEFAULT_OUTSIDE_SENDER,
  type RelayAddresses,
  type RelayVariant,
  relayFindings,
  relayVariants,
} from '../checks/relay/index.js';
import type { RunContext } from '../cli/command.js';
import type { BaseArgs } from '../cli/options.js';
import { familyFromArgs, ipLiteralOf, resolverFromArgs, resolveTarget } from '../dns/index.js';
import { finding, type Result } from '../findings/model.js';
import { checkAddress, checkHeloName, checkPort, parseServer } from '../send/address.js';
import { transcriptLines, transcriptTable } from '../send/report.js';
import { isSmtpError } from '../smtp/errors.js';
import { replyText } from '../smtp/reply.js';
import { SmtpSession, type SmtpTimeouts, timeoutsFromSeconds } from '../smtp/session.js';
import type { TranscriptEntry } from '../smtp/transcript.js';

interface RelayArgs extends BaseArgs {
  targets: string[];
  port?: number;
  helo?: string;
  tls?: boolean;
  outsideSender?: string;
  outsideRecipient?: string;
  ownDomain?: string;
}

interface Endpoint {
  host: string;
  address: string;
  port: number;
}

/** Sessions we open at most per target: one, plus reconnects when the server hangs up on us. */
const MAX_SESSIONS = 3;

export async function* run(args: RelayArgs, ctx: RunContext): AsyncGenerator<Result> {
  const addresses: RelayAddresses = {
    outsideSender: checkAddress('--outside-sender', args.outsideSender ?? DEFAULT_OUTSIDE_SENDER),
    outsideRecipient: checkAddress('--outside-recipient', args.outsideRecipient ?? DEFAULT_OUTSIDE_RECIPIENT),
  };
  const helo = args.helo !== undefined ? checkHeloName(args.helo) : undefined;
  if (args.port !== undefined) checkPort('--port', args.port);
  const own = args.ownDomain !== undefined ? checkHeloName(args.ownDomain, '--own-domain') : undefined;
  const specs = args.targets.map((t) => ({ raw: t, ...parseServer(t) }));
  for (const spec of specs) {
    ctx.progress.update(`relay: ${spec.raw}`);
    yield await testTarget(spec, { ...addresses, ownDomain: own }, helo, args, ctx);
  }
}

async function testTarget(
  spec: { raw: string; host: string; port?: number },
  base: RelayAddresses,
  helo: string | undefined,
  args: RelayArgs,
  ctx: RunContext,
): Promise<Result> {
  const port = spec.port ?? args.port ?? 25;
  const literal = ipLiteralOf(spec.host);
  let endpoints: Endpoint[];
  let ownDomain = base.ownDomain;
  if (literal || spec.port !== undefined) {
    endpoints = [{ host: spec.host, address: literal ?? spec.host, port }];
  } else {
    const resolved = await resolveTarget(resolverFromArgs(args), spec.host, { family: familyFromArgs(args) });
    endpoints = resolved.servers.flatMap((s) => s.addresses.map((a) => ({ host: s.host, address: a, port })));
    if (resolved.kind === 'domain') ownDomain ??= spec.host.toLowerCase().replace(/\.$/, '');
    if (!endpoints.length) return unreachable(spec.raw, resolved.error ?? `${spec.host} has no address`, []);
  }
  const timeouts = timeoutsFromSeconds(args.timeout ?? 10);
  const transcript: TranscriptEntry[] = [];
  const tried: string[] = [];
  // The best reachable server: MX order, first one that greets us (bounded list).
  for (const ep of endpoints.slice(0, 10)) {
    ctx.progress.update(`relay: ${ep.host} [${ep.address}]:${ep.port}`);
    const run = await attempts(ep, base, ownDomain, helo, args.tls !== false, timeouts, args, transcript);
    if ('failed' in run) {
      tried.push(`${ep.host} [${ep.address}]:${ep.port}: ${run.failed}`);
      continue;
    }
    const server = `${ep.host}:${ep.port}`;
    const findings = relayFindings(server, run.results, run.canary);
    const all = run.canary ? [...run.results, run.canary] : run.results;
    const failed = findings.some((f) => f.severity !== 'ok');
    return {
      command: 'relay',
      target: spec.raw,
      findings,
      data: {
        server,
        address: ep.address,
        ownDomain: run.ownDomain ?? null,
        attempts: all.map((a) => ({
          variant: a.variant.id,
          from: a.variant.from,
          to: a.variant.to,
          mail: a.mail ?? null,
          rcpt: a.rcpt ?? null,
          error: a.error ?? null,
        })),
        transcript: transcriptLines(transcript),
      },
      tables: [
        {
          title: 'Relay attempts (stopped after RCPT; no DATA sent)',
          head: ['variant', 'MAIL FROM', 'RCPT TO', 'reply'],
          rows: all.map((a) => [
            a.variant.id,
            `<${a.variant.from}>`,
            `<${a.variant.to}>`,
            a.error ?? a.rcpt ?? a.mail ?? '',
          ]),
        },
        ...(args.transcript || failed ? [transcriptTable({ transcript })] : []),
      ],
    };
  }
  return unreachable(spec.raw, tried.join('; '), transcript);
}

function unreachable(target: string, why: string, transcript: TranscriptEntry[]): Result {
  return {
    command: 'relay',
    target,
    findings: [
      finding('relay.connect-failed', 'unknown', {
        title: 'Could not run the relay test: no server answered',
        detail: `No SMTP session could be started: ${why}.`,
        fix: 'Check the name, port and firewall (try: mailflow probe <host>), then run the test again.',
        ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility',
      }),
    ],
    data: { server: null, attempts: [], transcript: transcriptLines(transcript) },
    tables: transcript.length ? [transcriptTable({ transcript })] : [],
  };
}

type Attempts = { results: AttemptResult[]; canary?: AttemptResult; ownDomain?: string } | { failed: string };

/** Connect, EHLO, opportunistic STARTTLS (so the policy behind TLS is what gets tested). */
async function open(
  ep: Endpoint,
  helo: string | undefined,
  useTls: boolean,
  timeouts: SmtpTimeouts,
  args: RelayArgs,
  keep: (s: SmtpSession) => void,
) {
  const s = new SmtpSession({
    host: ep.address,
    port: ep.port,
    servername: ep.host,
    family: familyFromArgs(args),
    timeouts,
  });
  keep(s);
  await s.connect();
  const greeting = await s.greeting();
  if (greeting.code !== 220) throw new Error(`greeting ${replyText(greeting)}`);
  const name = helo ?? (await s.localName());
  const hello = await s.hello(name);
  if ((hello.helo ?? hello.ehlo).code !== 250)
    throw new Error(`EHLO/HELO refused: ${replyText(hello.helo ?? hello.ehlo)}`);
  if (useTls && s.capabilities?.starttls && (await s.starttls()).code === 220) await s.ehlo(name);
  return s;
}

async function attempts(
  ep: Endpoint,
  base: RelayAddresses,
  ownDomainIn: string | undefined,
  helo: string | undefined,
  useTls: boolean,
  timeouts: SmtpTimeouts,
  args: RelayArgs,
  transcript: TranscriptEntry[],
): Promise<Attempts> {
  let session: SmtpSession | undefined;
  let sessions = 0;
  let ownDomain = ownDomainIn;
  const opened: SmtpSession[] = [];
  const connect = async (): Promise<string | undefined> => {
    session?.close();
    session = undefined;
    if (sessions++ >= MAX_SESSIONS) return 'the server kept closing the connection';
    try {
      session = await open(ep, helo, useTls, timeouts, args, (s) => opened.push(s));
      // A host name in the greeting tells us the server's own domain (mx.example.com → example.com).
      ownDomain ??= domainFromGreeting(session.capabilities?.greetingName ?? session.greetingReply?.lines[0]);
      return undefined;
    } catch (e) {
      opened[opened.length - 1]?.close();
      session = undefined;
      return e instanceof Error ? e.message : String(e);
    }
  };
  // Every session's lines, in order, whatever happens below.
  const collect = () => transcript.push(...opened.flatMap((s) => s.transcript.entries));
  const first = await connect();
  if (first) {
    collect();
    return { failed: first };
  }

  const one = async (variant: RelayVariant): Promise<AttemptResult> => {
    for (let tries = 0; tries < 2; tries++) {
      if (!session) {
        const err = await connect();
        if (err) return { variant, error: err };
      }
      const s = session!;
      try {
        const mail = replyText(await s.command(`MAIL FROM:<${variant.from}>`));
        let rcpt: string | undefined;
        if (mail.startsWith('2')) rcpt = replyText(await s.command(`RCPT TO:<${variant.to}>`));
        await s.command('RSET');
        return { variant, mail, rcpt };
      } catch (e) {
        if (!isSmtpError(e)) throw e;
        session = undefined;
        if (tries === 1) return { variant, error: e.message };
      }
    }
    return { variant, error: 'not tried' };
  };
  const results: AttemptResult[] = [];
  for (const v of relayVariants({ ...base, ownDomain })) results.push(await one(v));
  const canary = results.some((r) => r.rcpt?.startsWith('25'))
    ? await one(canaryVariant(base, randomBytes(4).toString('hex')))
    : undefined;
  await session?.quit();
  collect();
  return { results, canary, ownDomain };
}

function domainFromGreeting(text: string | undefined): string | undefined {
  const name = text?.trim().split(/\s+/)[0]?.toLowerCase();
  if (!name || !/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/.test(name)) return undefined;
  return name.slice(name.indexOf('.') + 1);
}
