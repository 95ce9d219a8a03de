// Runs what was typed in `mailflow session` against one SmtpSession: raw SMTP lines and the
// helpers. Prints through `out` (the terminal, or stdout in a replay); never prints a secret.
import { compareVerbs, detectProfile, PROFILES } from '../checks/ehlo/index.js';
import { fileErrorText } from '../findings/errors.js';
import { readCapped } from '../io/input.js';
import { explainReply } from '../ndr/explain.js';
import { visible } from '../render/sanitize.js';
import { type AuthLog, type AuthMechanism, authenticate, decorateAuth, Secrets } from '../send/auth.js';
import { dataPayload, messageFromFile } from '../send/message.js';
import { MAX_MESSAGE_BYTES } from '../send/size.js';
import { boundNames, chainDetails, daysLeftText } from '../smtp/cert-chain.js';
import { certFaults } from '../smtp/cert-faults.js';
import { formatReply, type Reply, replyText } from '../smtp/reply.js';
import type { SmtpSession } from '../smtp/session.js';
import { peerChain, type TlsInfo } from '../smtp/tls-info.js';
import { dotStuffLines, type Input } from './input.js';

export interface DriverIo {
  /** Ask without echo (auth). */
  askSecret(question: string): Promise<string>;
  /** Message lines typed after DATA's 354, up to (not including) the lone ".". */
  readData(): Promise<string[]>;
}

export interface Step {
  /** The last reply to what was typed (undefined for local helpers). */
  reply?: Reply;
  /** Message lines typed for the data helper (recorded so a replay sends them again). */
  data?: string[];
  /** The session ended (QUIT answered, or the server hung up). */
  ended?: boolean;
}

export interface DriverOptions {
  allowPlaintextAuth: boolean;
  insecure: boolean;
  heloName: string;
}

export class Driver {
  authenticated = false;
  commands = 0;
  /** The server answered a typed QUIT with 221: leaving must not send another (its close may lag). */
  private quitAnswered = false;
  private secrets: Secrets[] = [];

  constructor(
    readonly session: SmtpSession,
    /** Where lines go (replaced by the terminal loop so they print above the prompt). */
    public out: (line: string) => void,
    private readonly opts: DriverOptions,
  ) {}

  /** Every string printed passes the scrubber of every secret typed so far, then `visible`. */
  print(line: string): void {
    let s = line;
    for (const sec of this.secrets) s = sec.scrub(s);
    // What was typed, replayed from a file or said by the server: never raw to the terminal.
    this.out(visible(s));
  }

  showReply(reply: Reply, ms: number): void {
    const lines = formatReply(reply);
    lines.forEach((l, i) => {
      this.print(`S: ${l}${i === lines.length - 1 ? `   (${ms} ms)` : ''}`);
    });
    if (reply.code >= 400) {
      const e = explainReply(replyText(reply));
      this.print(`   ↳ ${e.summary}. ${e.nextStep}`);
    }
  }

  /** Send one line, show the reply with its timing. */
  async send(line: string, opts: { secret?: boolean } = {}): Promise<Reply> {
    const started = performance.now();
    this.commands++;
    const reply = await this.session.command(line, { ...opts, timeout: this.session.timeouts.reply });
    this.showReply(reply, Math.round(performance.now() - started));
    return reply;
  }

  /** QUIT, the reply shown when it comes within 2 s, then close. Never throws. */
  async quit(): Promise<void> {
    if (this.session.closed || this.quitAnswered) {
      this.session.close();
      return;
    }
    this.print('C: QUIT');
    try {
      const started = performance.now();
      const reply = await this.session.command('QUIT', { timeout: 2000 });
      this.showReply(reply, Math.round(performance.now() - started));
    } catch {
      // The server may hang up first, or never answer; either way we are leaving.
    }
    this.session.close();
  }

  async run(input: Input, io: DriverIo): Promise<Step> {
    if (input.kind === 'empty') return {};
    if (input.kind === 'invalid') {
      this.print(`! ${input.message}`);
      return {};
    }
    if (input.kind === 'smtp') {
      const verb = input.line.trim().split(/\s+/)[0]!.toUpperCase();
      // Sent raw, these would leave the session unusable (TLS bytes, or message lines read as commands).
      if (verb === 'STARTTLS' && input.line.trim().length === 8) return this.starttls();
      if (verb === 'DATA' && input.line.trim().length === 4) return this.data([], io);
      this.print(`C: ${input.line}`);
      const name = input.line.trim().split(/\s+/)[1];
      if (verb === 'EHLO' && name) {
        // Through ehlo(), so the session knows the extensions (capa, auth, show).
        const started = performance.now();
        this.commands++;
        const reply = await this.session.ehlo(name);
        this.showReply(reply, Math.round(performance.now() - started));
        return { reply };
      }
      const reply = await this.send(input.line);
      if (verb === 'QUIT' && reply.code === 221) this.quitAnswered = true;
      return { reply, ended: this.quitAnswered };
    }
    switch (input.helper) {
      case 'help':
        return {};
      case 'show':
        this.show();
        return {};
      case 'capa':
        this.capa();
        return {};
      case 'starttls':
        return this.starttls();
      case 'data':
        return this.data(input.args, io);
      case 'auth':
        return this.auth(input.args[0]!, input.args[1]!, io);
    }
  }

  private async starttls(): Promise<Step> {
    if (this.session.isTls) {
      this.print('! the session is already encrypted');
      return {};
    }
    this.print('C: STARTTLS');
    const started = performance.now();
    this.commands++;
    const reply = await this.session.starttls();
    this.showReply(reply, Math.round(performance.now() - started));
    if (reply.code !== 220) return { reply };
    this.showTls(this.session.tls!);
    return this.ehlo();
  }

  /** EHLO again (after STARTTLS), with the name the user last gave, so capa and auth know the extensions. */
  async ehlo(): Promise<Step> {
    const name = this.session.heloName ?? this.opts.heloName;
    this.print(`C: EHLO ${name}`);
    const started = performance.now();
    this.commands++;
    const reply = await this.session.ehlo(name);
    this.showReply(reply, Math.round(performance.now() - started));
    return { reply };
  }

  showTls(t: TlsInfo): void {
    this.print(`* TLS ${t.protocol}, ${t.cipher}`);
    // Every certificate the server sent, leaf first (names bounded: a certificate may carry thousands).
    const chain = chainDetails(peerChain(t));
    for (const c of chain) {
      this.print(`* [${c.position}] ${c.subject}; issuer ${c.issuer}${c.selfIssued ? ' (self-issued)' : ''}`);
      this.print(
        `*   valid ${c.notBefore} to ${c.notAfter} (${daysLeftText(c.daysLeft)})${
          c.san.length ? `; names ${boundNames(c.san, 10)}` : ''
        }`,
      );
      this.print(`*   SHA-256 ${c.fingerprint256}`);
    }
    const problems = certFaults(t).map((f) => f.message);
    this.print(
      problems.length
        ? `* verify: FAILED: ${problems.join('; ')}${this.opts.insecure ? ' (--insecure: carrying on)' : ''}`
        : `* verify: OK (chain and name ${t.checkedName})`,
    );
  }

  private show(): void {
    const s = this.session;
    const caps = s.capabilities;
    // Through a proxy, the server sees the proxy's address, not this machine's end of the link to it.
    const from = s.options.proxy
      ? `through the SOCKS proxy ${s.options.proxy.label}: the server sees the proxy's address`
      : `from ${s.localAddress ?? '?'}`;
    this.print(`* server ${s.options.host} port ${s.options.port} (${from})`);
    this.print(
      `* TLS: ${s.tls ? `${s.tls.protocol}, verify ${s.tls.chainVerified && s.tls.validForHost ? 'OK' : 'FAILED'}` : 'no'}`,
    );
    this.print(
      `* EHLO name: ${s.heloName ?? '(no EHLO yet)'}; authenticated: ${this.authenticated ? 'yes' : 'no'}`,
    );
    this.print(
      `* extensions: ${caps ? caps.extensions.map((e) => [e.keyword, ...e.params].join(' ')).join(', ') || '(none)' : '(no EHLO yet)'}`,
    );
    this.print(`* commands sent: ${this.commands}`);
  }

  private capa(): void {
    const caps = this.session.capabilities;
    if (!caps) {
      this.print('! no EHLO reply yet: send EHLO <name> first');
      return;
    }
    const banner = this.session.greetingReply ? replyText(this.session.greetingReply) : '';
    const detection = detectProfile(
      banner,
      caps.extensions.map((e) => e.keyword),
    );
    const profile = PROFILES[detection.profile];
    if (!profile) {
      this.print(`* no profile for ${detection.profile}`);
      return;
    }
    // After STARTTLS the server no longer lists STARTTLS (RFC 3207 §4.2): not a missing verb.
    const onTls = this.session.tls !== undefined;
    const all = compareVerbs(caps.extensions, profile);
    const cmp = onTls
      ? {
          ...all,
          missing: all.missing.filter((v) => v !== 'STARTTLS'),
          optionalMissing: all.optionalMissing.filter((r) => r.verb !== 'STARTTLS'),
        }
      : all;
    this.print(`* profile: ${profile.name} (${detection.reason})`);
    if (onTls) this.print('* STARTTLS: in use (a server lists it only before TLS)');
    this.print(`* present: ${cmp.present.join(', ') || '(none)'}`);
    this.print(
      `* missing: ${cmp.missing.join(', ') || '(none)'}${cmp.missing.length ? ` — ${profile.missingMeaning}` : ''}`,
    );
    if (cmp.optionalMissing.length)
      this.print(`* optional, not offered: ${cmp.optionalMissing.map((r) => r.verb).join(', ')}`);
    if (caps.auth.length) this.print(`* AUTH mechanisms: ${caps.auth.join(', ')}`);
    if (caps.size !== undefined) this.print(`* SIZE: ${caps.size || 'no fixed limit'}`);
  }

  private async data(args: string[], io: DriverIo): Promise<Step> {
    let payload: Buffer;
    let typed: string[] | undefined;
    if (args[0]) {
      let content: { bytes: Buffer; more: boolean };
      try {
        content = await readCapped(args[0], MAX_MESSAGE_BYTES);
      } catch (e) {
        this.print(`! cannot read ${args[0]}: ${fileErrorText(e)}`);
        return {};
      }
      if (content.more) {
        this.print(
          `! ${args[0]} is more than ${MAX_MESSAGE_BYTES / 1024 / 1024} MiB; mailflow sends at most that`,
        );
        return {};
      }
      const m = messageFromFile(content.bytes);
      payload = dataPayload(m.text, m.encoding);
    }
    this.print('C: DATA');
    const r = await this.send('DATA');
    if (r.code !== 354) return { reply: r };
    if (!args[0]) {
      typed = await io.readData();
      payload = Buffer.from(dotStuffLines(typed), 'utf8');
    }
    this.session.writeRaw(payload!);
    this.print(`C: (${payload!.length} bytes of message, dot-stuffed)`);
    this.print('C: .');
    const started = performance.now();
    const reply = await this.session.command('.', { timeout: Math.max(this.session.timeouts.reply, 30_000) });
    this.showReply(reply, Math.round(performance.now() - started));
    return { reply, ...(typed ? { data: typed } : {}) };
  }

  private async auth(mech: string, user: string, io: DriverIo): Promise<Step> {
    if (!this.session.isTls && !this.opts.allowPlaintextAuth) {
      this.print(
        '! the connection is not encrypted: run starttls first (or start with --allow-plaintext-auth)',
      );
      return {};
    }
    const t = this.session.tls;
    if (t && !this.opts.insecure && !(t.chainVerified && t.validForHost && !t.dateError)) {
      this.print(
        '! the certificate did not verify, so the secret could reach an impostor; start with --ca <file> for a private CA, or --insecure for a test server',
      );
      return {};
    }
    const token = mech === 'xoauth2';
    const secret = await io.askSecret(`${token ? 'OAuth access token' : 'Password'} for ${user}: `);
    if (!secret) {
      this.print('! nothing typed; AUTH not sent');
      return {};
    }
    const secrets = new Secrets(secret, user);
    this.secrets.push(secrets);
    const log: AuthLog = { from: 0, shown: [] };
    const started = performance.now();
    this.commands++;
    const res = await authenticate(this.session, mech.toUpperCase() as AuthMechanism, user, secret, log);
    const ms = Math.round(performance.now() - started);
    const entries = decorateAuth(this.session.transcript.entries, log)
      .slice(log.from)
      .filter((e) => e.dir !== '*');
    entries.forEach((e, i) => {
      this.print(`${e.dir}: ${e.text}${i === entries.length - 1 ? `   (${ms} ms)` : ''}`);
    });
    if (res.oauthError) this.print(`   ↳ OAuth error: ${JSON.stringify(res.oauthError)}`);
    if (res.reply.code >= 400) {
      const e = explainReply(replyText(res.reply));
      this.print(`   ↳ ${e.summary}. ${e.nextStep}`);
    }
    if (res.ok) this.authenticated = true;
    return { reply: res.reply };
  }
}
