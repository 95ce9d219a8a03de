// Findings for `mailflow send`, made from a SendOutcome. Every failure names its stage, the
// server's reply and the NDR explainer's reading of that reply.

import { explainerNote } from '../checks/probe/judge.js';
import { PROXY_REF, proxyFix } from '../checks/shared/proxy-advice.js';
import { type Finding, finding } from '../findings/model.js';
import { explainReply } from '../ndr/explain.js';
import { type Reply, replyText } from '../smtp/reply.js';
import { certFindings } from './cert-findings.js';
import { type FailureKind, type SendOutcome, storedReply } from './flow.js';

const REF_TELNET = 'Book ch. 7, Using Telnet (Example 7)';

const REFS: Record<FailureKind, string> = {
  'connect-failed': 'Book ch. 5, Using Telnet to Ensure Internet Accessibility',
  'tls-required': 'RFC 3207 §4; RFC 8314 §3',
  'tls-failed': 'RFC 3207 §4.1; RFC 8314 §3',
  'auth-failed': `${REF_TELNET}; RFC 4954 §6`,
  'auth-not-offered': 'RFC 4954 §3, §4',
  'sender-rejected': `${REF_TELNET}, step 8; RFC 5321 §4.1.1.2`,
  'recipient-rejected': `${REF_TELNET}, step 9; RFC 5321 §4.1.1.3`,
  'data-rejected': 'RFC 5321 §4.1.1.4; RFC 1870 §6',
  'smtputf8-not-offered': 'RFC 6531 §3.4; RFC 6532 §3',
  'unsolicited-reply': 'RFC 5321 §4.3; RFC 2920 §3',
  'proxy-failed': PROXY_REF,
};

const TITLES: Record<FailureKind, string> = {
  'connect-failed': 'Could not start an SMTP session',
  'tls-required': 'The server requires STARTTLS first',
  'tls-failed': 'TLS could not be used',
  'auth-failed': 'Authentication failed',
  'auth-not-offered': 'The server does not offer this AUTH mechanism',
  'sender-rejected': 'The sender was refused',
  'recipient-rejected': 'The recipient was refused',
  'data-rejected': 'The message was refused',
  'smtputf8-not-offered': 'The message needs SMTPUTF8, which the server does not offer',
  'unsolicited-reply': 'The server sent a reply before mailflow asked anything',
  'proxy-failed': 'Not tested: the SOCKS proxy failed, not the mail server',
};

/** What to do, by failure kind, refined by the reply where the code says more. */
function fixFor(kind: FailureKind, reply: Reply | undefined, o: SendOutcome): string {
  const code = reply?.code;
  const text = reply ? replyText(reply) : '';
  switch (kind) {
    case 'connect-failed':
      // A refusal in the greeting is about us (a block list, a limit), not about reachability.
      if (reply && reply.code >= 400) {
        return `${explainReply(text).nextStep} Probe from another network (mailflow probe <host>) to see what ordinary senders get.`;
      }
      return 'Check that the host and port are right, that the server is running, and that no firewall blocks the port (try: mailflow probe <host>).';
    case 'tls-required':
      return 'Let mailflow use STARTTLS (drop --no-tls, or add --tls); AUTH and mail on this port are only accepted over TLS.';
    case 'tls-failed':
      if (/not encrypted/.test(o.failure?.message ?? '')) {
        return 'Use a port that offers STARTTLS or TLS on connect (587 or 465). Only if you accept that the password crosses the network readable, add --allow-plaintext-auth.';
      }
      if (/protocol version mismatch/.test(o.failure?.message ?? ''))
        return 'Offer a TLS version the server speaks: widen or drop --tls-min/--tls-max. A server that speaks only TLS 1.0 or 1.1 needs upgrading (RFC 8996 deprecates them).';
      if (/client certificate/.test(o.failure?.message ?? ''))
        return "Present a client certificate the server trusts (--tls-cert/--tls-key, issued by a CA the server lists, e.g. Postfix's smtpd_tls_CAfile), or none if this port does not ask for one.";
      return 'Fix the certificate (name it for the host you connect to, send the full chain), or trust a private CA with --ca <file>; --insecure skips the check for testing only.';
    case 'auth-not-offered': {
      if (o.auth?.chosenBy === 'server') return autoNotOfferedFix(o);
      const offered = (o.capabilities?.auth ?? []).map((m) => m.toLowerCase());
      const usable = offered.filter((m) =>
        ['login', 'plain', 'cram-md5', 'xoauth2', 'oauthbearer'].includes(m),
      );
      return usable.length
        ? `Use a mechanism the server offers: --auth ${usable.join(', or --auth ')}.${
            o.authMechanism === 'XOAUTH2' || o.authMechanism === 'OAUTHBEARER'
              ? ' For OAuth, enable it on the server (Exchange Online: SMTP AUTH with OAuth on the mailbox; Postfix/Dovecot: an oauth2 passdb).'
              : ''
          }`
        : 'The server offers none of the mechanisms mailflow speaks (login, plain, cram-md5, xoauth2, oauthbearer); enable one of them on the server.';
    }
    case 'auth-failed':
      if (o.authMechanism === 'XOAUTH2' || o.authMechanism === 'OAUTHBEARER') {
        const scope = o.oauthError?.scope;
        return `Get a fresh access token for this user${
          scope
            ? ` with the scope the server asks for (${scope})`
            : ' with the mail-sending scope (Microsoft 365: https://outlook.office.com/SMTP.Send; Gmail: https://mail.google.com/)'
        } and pass it in MAILFLOW_TOKEN or --token-file; tokens expire after about an hour. The --user must be the mailbox the token was issued for.`;
      }
      if (code === 504)
        return 'The server does not support this mechanism; try another one the server offers in its EHLO reply (--auth plain, login, cram-md5, xoauth2 or oauthbearer).';
      {
        // Exchange Online refusing Basic authentication (5.7.30, 5.7.139, …): the way forward is OAuth.
        const step = explainReply(text).nextStep;
        if (/--auth xoauth2/.test(step)) return step;
      }
      if (code === 503 || /not enabled|not available/i.test(text)) {
        return 'The server does not offer AUTH here: it may only offer it after STARTTLS or on the submission port (587).';
      }
      return 'Check the user name (some servers want the full address) and the password; check that the account may send mail.';
    case 'sender-rejected':
      if (code === 530 || code === 550) {
        return 'Authenticate (--auth login --user <name>) or use a sender address the server accepts for this connection.';
      }
      return 'Use a sender address the server accepts (its domain must exist and, on submission ports, belong to the user).';
    case 'recipient-rejected':
      if (/relay/i.test(text) || reply?.enhanced === '5.7.1') {
        return 'The server does not relay for you: authenticate first (--auth login --user <name>), or send to a domain this server accepts mail for.';
      }
      if (reply?.enhanced === '5.1.1' || /unknown|no such|does not exist/i.test(text)) {
        return 'Check the address for typos; if it should exist, create the mailbox or alias on the server.';
      }
      return 'Read the reply: the recipient or its domain is not accepted by this server.';
    case 'data-rejected':
      if (code === 552 || reply?.enhanced === '5.3.4') {
        return `Send a smaller message, or raise the server's size limit (the message was ${o.messageBytes} bytes${
          o.capabilities?.size ? `; the server advertises SIZE ${o.capabilities.size}` : ''
        }).`;
      }
      if (o.chunkRefused && code !== undefined && code < 500)
        return `A temporary refusal in the middle of the message (often a full disk or spool, or a filter that timed out): retry later, and if it repeats read the server's log at this time. --no-chunking sends the same message with DATA, to see whether BDAT itself is the problem.`;
      return 'Read the reply: a content filter or policy refused the message.';
    case 'smtputf8-not-offered':
      return 'Send through a server that offers SMTPUTF8 (Postfix: smtputf8_enable = yes, its default since 3.0; Exchange Online and Gmail offer it), or test with an all-ASCII address. A server without it cannot take UTF-8 addresses or headers; mailflow does not downgrade them.';
    case 'proxy-failed':
      return proxyFix(o.failure?.proxy?.stage ?? 'handshake', o.failure?.proxy?.reply);
    case 'unsolicited-reply':
      return 'Look at the server, or a proxy, load balancer or filter in front of it, for replies sent ahead of commands (run with --transcript to see them): a client pairs each reply with its next command, so stale replies make it misread every answer after them.';
  }
}

const MECHANISMS = ['login', 'plain', 'cram-md5', 'xoauth2', 'oauthbearer'];

/** --user without --auth found nothing to choose: say what would work, for a password or a token. */
function autoNotOfferedFix(o: SendOutcome): string {
  const offered = o.capabilities?.auth ?? [];
  if (!offered.length)
    return 'The server lists no AUTH here: it may offer it only after STARTTLS (drop --no-tls) or on the submission port (587). If you know it takes a mechanism it does not list, name it: --auth login.';
  const token = o.auth?.credential === 'token';
  const other = offered
    .map((m) => m.toLowerCase())
    .filter((m) => MECHANISMS.includes(m) && (m === 'xoauth2' || m === 'oauthbearer') !== token);
  if (token)
    return `The server offers no OAuth mechanism: enable XOAUTH2 or OAUTHBEARER on it (Exchange Online: SMTP AUTH with OAuth on the mailbox; Postfix/Dovecot: an oauth2 passdb)${
      other.length
        ? `, or authenticate with a password instead (drop --token-file; it offers ${other.join(', ')})`
        : ''
    }.`;
  return `${
    other.length
      ? `The server offers only OAuth (${other.join(', ')}): pass a token with --token-file.`
      : 'The server offers none of the mechanisms mailflow speaks (login, plain, cram-md5, xoauth2, oauthbearer): enable one of them on the server.'
  } If you know it takes a mechanism it does not list, name it (--auth login: the book's Exchange 2000 lists only GSSAPI NTLM and takes LOGIN).`;
}

/** The explainer's verdict as data, for JSON consumers. */
function explanation(reply: Reply | undefined) {
  if (!reply) return undefined;
  const e = explainReply(replyText(reply));
  return { summary: e.summary, category: e.category, whoActs: e.whoActs, transient: e.transient };
}

function failureDetail(stage: string, message: string, reply: Reply | undefined): string {
  const said = reply ? ` The server replied "${replyText(reply)}".` : '';
  // Only a 4xx/5xx is a refusal to explain; a 2xx/3xx in the wrong place is the server's protocol error.
  return `At the ${stage.toUpperCase()} stage ${message}.${said}${reply && reply.code >= 400 ? explainerNote(replyText(reply)) : ''}`;
}

export function sendFindings(o: SendOutcome): Finding[] {
  const out: Finding[] = [];
  if (o.authenticated && !o.tls) {
    out.push(
      finding('send.plaintext-auth', 'warn', {
        title: 'The password was sent without encryption',
        detail:
          "AUTH ran over an unencrypted connection (--allow-plaintext-auth). The book's 2002 telnet test did the same, but base64 is an encoding, not encryption: anyone on the path can read the password, and today networks are routinely monitored.",
        fix: 'Use STARTTLS (port 587) or TLS on connect (465) and drop --allow-plaintext-auth; change the password if it crossed an untrusted network.',
        ref: 'RFC 4954 §4; RFC 8314 §3',
      }),
    );
  }
  // Certificate faults get a finding each (send.tls-cert-*), in place of the generic TLS ones.
  const certs = certFindings(o);
  out.push(...certs);
  if (o.tlsProblem && !o.failure && !certs.length) {
    out.push(
      finding('send.tls-unverified', 'warn', {
        title: 'STARTTLS went ahead with a certificate that does not verify',
        detail: `At the TLS stage ${o.tlsProblem}. Without AUTH mailflow carried on, as a sending MTA does with opportunistic TLS, but the connection could have been intercepted.`,
        fix: 'Install a certificate for this host name from a public CA with the full chain (or pass --ca for a private CA); use --insecure to silence this for a known test server.',
        ref: 'RFC 7435 §1.3; RFC 3207 §4.1',
      }),
    );
  }
  if (o.tlsRefused) {
    out.push(
      finding('send.tls-refused', 'warn', {
        title: 'The server offered STARTTLS, then refused it',
        detail: `It answered STARTTLS with "${o.tlsRefused}". ${
          o.failure?.stage === 'auth'
            ? 'mailflow stopped before sending the password in clear.'
            : 'mailflow went on without encryption, as a sending MTA does with opportunistic TLS: what followed crossed the network readable.'
        } A server that advertises STARTTLS and then cannot start it usually failed to load its certificate or key, or its TLS library; every sender falls back to clear text or retries.`,
        fix: 'Check the server\'s TLS set-up: certificate and key files present and readable by the SMTP service, matching each other, and its log at the time of this test (Postfix: "cannot load certificate"; Exchange: the certificate bound to the receive connector).',
        ref: 'RFC 3207 §4; RFC 7435 §1.3',
        data: { stage: 'tls', reply: o.tlsRefused },
      }),
    );
  }
  if (o.dsn && !o.dsn.offered) {
    out.push(
      finding('send.dsn-unsupported', 'warn', {
        title: 'Delivery status notifications were asked for, but the server does not offer DSN',
        detail: `Its EHLO reply does not list DSN, so mailflow left out ${
          o.dsn.notify?.length ? `NOTIFY=${o.dsn.notify.join(',').toUpperCase()}` : 'the DSN parameters'
        } (sending them would be refused). This server will not report delivery success; failures still come back as ordinary bounces.`,
        fix: 'Enable DSN on the server (Postfix offers it unless smtpd_discard_ehlo_keywords lists dsn; Exchange offers it on its receive connectors), or test through a server that offers it.',
        ref: 'RFC 3461 §4',
      }),
    );
  }
  if (o.eightBitWithout8BitMime) {
    out.push(
      finding('send.8bit-without-8bitmime', 'warn', {
        title: 'The message has 8-bit bytes, but the server does not offer 8BITMIME',
        detail:
          'Bytes above 127 went out unchanged in a session whose EHLO reply does not list 8BITMIME, so the message was not declared BODY=8BITMIME. A server or a later hop may reject, bounce or alter such a message.',
        fix: 'Encode the --data file as 7-bit (quoted-printable or base64 bodies, RFC 2047 encoded words in headers), or send through a server that offers 8BITMIME.',
        ref: 'RFC 6152 §3; RFC 5321 §2.4',
      }),
    );
  }
  if (o.sizeOverLimit) out.push(sizeFinding(o, o.sizeOverLimit));
  if (o.dropped) out.push(droppedFinding(o.dropped));
  const f = o.failure;
  // Recipients: each refusal is its own finding; warn when others were accepted.
  const anyAccepted = o.recipients.some((r) => r.accepted);
  for (const r of o.recipients.filter((x) => !x.accepted)) {
    const reply = storedReply(r.reply);
    out.push(
      finding('send.recipient-rejected', anyAccepted ? 'warn' : 'fail', {
        title: `${TITLES['recipient-rejected']}: ${r.address}`,
        detail: failureDetail('rcpt', `the server refused <${r.address}>`, reply),
        fix: fixFor('recipient-rejected', reply, o),
        ref: REFS['recipient-rejected'],
        data: { stage: 'rcpt', address: r.address, reply: r.reply, explanation: explanation(reply) },
      }),
    );
  }
  if (
    f &&
    !(f.kind === 'tls-failed' && certs.length) &&
    !(f.kind === 'recipient-rejected' && f.stage === 'rcpt' && o.recipients.length > 0 && !anyAccepted)
  ) {
    out.push(
      finding(`send.${f.kind}`, f.kind === 'proxy-failed' ? 'unknown' : 'fail', {
        title: f.reply ? `${TITLES[f.kind]}: the server answered ${f.reply.code}` : TITLES[f.kind],
        detail: failureDetail(f.stage, f.message, f.reply),
        fix: fixFor(f.kind, f.reply, o),
        ref: REFS[f.kind],
        data: {
          stage: f.stage,
          reply: f.reply ? replyText(f.reply) : undefined,
          explanation: explanation(f.reply),
          ...(f.stage === 'auth' && o.authMechanism ? { mechanism: o.authMechanism } : {}),
          ...(f.stage === 'auth' && o.oauthError ? { oauthError: o.oauthError } : {}),
          ...(f.kind === 'auth-not-offered' ? { offered: o.capabilities?.auth ?? [] } : {}),
          ...(f.stage === 'data' && o.chunkRefused ? { chunk: o.chunkRefused } : {}),
          ...(f.proxy ? { proxyStage: f.proxy.stage, socksReply: f.proxy.reply } : {}),
        },
      }),
    );
  }
  if (!f) out.push(okFinding(o));
  return out;
}

function okFinding(o: SendOutcome): Finding {
  const accepted = o.recipients.filter((r) => r.accepted).map((r) => r.address);
  const how = [
    o.tls ? `over ${o.tls.protocol}` : 'unencrypted',
    o.authenticated ? 'authenticated' : 'without AUTH',
  ];
  if (o.stoppedAfter) {
    if (o.stoppedAfter === 'data') {
      return finding('send.ok', 'ok', {
        title: 'Stopped after DATA as asked; the server would take the message (354), which was NOT sent',
        detail: `The session ran ${how.join(', ')}; the server accepted ${accepted.length === 1 ? 'the recipient' : `${accepted.length} recipients`} (${accepted.join(', ')}) and answered DATA with "${o.dataReply ?? '354'}". After a 354 every line, RSET and QUIT included, is message text, so mailflow closed the connection instead of sending a message: the server discards the unfinished message (RFC 5321 §3.8) and nothing was delivered (Postfix logs "lost connection after DATA").`,
        fix: '',
        ref: `${REF_TELNET}; RFC 5321 §3.8, §4.1.1.4`,
        data: { stoppedAfter: 'data', accepted, delivered: false },
      });
    }
    const what =
      o.stoppedAfter === 'rcpt'
        ? `the server accepted ${accepted.length === 1 ? 'the recipient' : `${accepted.length} recipients`} (${accepted.join(', ')})`
        : `every step up to ${o.stoppedAfter.toUpperCase()} succeeded`;
    return finding('send.ok', 'ok', {
      title: `Stopped after ${o.stoppedAfter.toUpperCase()} as asked; ${what}`,
      detail: `The session ran ${how.join(', ')} and ended ${o.dropped ? 'without QUIT' : 'with QUIT'}; no message was sent.`,
      fix: '',
      ref: REF_TELNET,
      data: { stoppedAfter: o.stoppedAfter, accepted },
    });
  }
  const final = o.finalReply ? replyText(o.finalReply) : '';
  return finding('send.ok', 'ok', {
    title: o.queueId ? `Message accepted, queue id ${o.queueId}` : 'Message accepted',
    detail: `The server accepted the message for ${accepted.join(', ')} (${how.join(', ')}): "${final}". Acceptance means it is queued; delivery happens afterwards.`,
    fix: '',
    ref: REF_TELNET,
    data: { queueId: o.queueId, accepted },
  });
}

const STAGE_NAMES: Record<string, string> = {
  connect: 'the greeting',
  tls: 'STARTTLS',
  dot: 'the message was accepted',
};

/** --drop-after: what the server should do with a connection that ends without QUIT. */
function droppedFinding(at: string): Finding {
  const after = STAGE_NAMES[at] ?? at.toUpperCase();
  const delivered = at === 'dot';
  return finding('send.dropped', 'info', {
    title: `Closed the connection without QUIT after ${after}, as asked (--drop-after ${at})`,
    detail: delivered
      ? 'The server had already accepted the message (250) when mailflow closed the connection; it must deliver it anyway: a lost connection cancels only a transaction still open (RFC 5321 §3.8).'
      : `No message was sent. The server must treat the lost connection like RSET and drop the open transaction (RFC 5321 §3.8); it usually logs it (Postfix: "lost connection after ${at === 'connect' ? 'CONNECT' : at === 'tls' ? 'STARTTLS' : at.toUpperCase()} from …").`,
    fix: delivered
      ? 'Nothing to fix: this was the test asked for. If the message never arrives, the server lost an accepted message: check its queue and log for the queue id.'
      : "Nothing to fix: this was the test asked for. Read the server's log for how it handled the lost connection (a server that holds resources or delivers a partial message has a fault).",
    ref: 'RFC 5321 §3.8',
    data: { droppedAfter: at },
  });
}

/** The message is bigger than the server's advertised SIZE (RFC 1870): it was sent anyway, to see what the server does. */
function sizeFinding(o: SendOutcome, s: { bytes: number; limit: number }): Finding {
  const refused = o.failure?.kind === 'data-rejected';
  const code = o.finalReply?.code ?? 0;
  const accepted = !o.failure && code >= 200 && code < 300;
  return finding('send.size-over-limit', 'warn', {
    title: `The message (${s.bytes} bytes) is larger than the server's SIZE limit (${s.limit} bytes)`,
    detail: `The server's EHLO reply says SIZE ${s.limit} (RFC 1870), and this message is ${s.bytes} bytes as sent. mailflow declares SIZE=${s.bytes} in MAIL FROM and sends it anyway, to show what the server does with it: ${
      refused
        ? `it refused it${o.failure?.reply ? ` ("${replyText(o.failure.reply)}")` : ''}, as its limit says.`
        : accepted
          ? 'it accepted it although it is over the advertised limit, so the limit it announces is not the one it applies.'
          : o.failure
            ? 'the session ended before the server judged the size.'
            : `this run stopped before the message was sent (after ${o.stoppedAfter ?? o.stage}), so what the server does with it was not tested.`
    } Attachments grow by about a third in base64, so a file of ${Math.floor((s.limit * 3) / 4)} bytes or more does not fit.`,
    fix: "Send a smaller message (a smaller --size, fewer or smaller --attach files), or raise the server's limit (Postfix: message_size_limit; Exchange: the receive connector's and the organisation's maximum message size) and keep the advertised SIZE in step with it.",
    ref: 'RFC 1870 §4, §6',
    data: { bytes: s.bytes, limit: s.limit, refused },
  });
}
