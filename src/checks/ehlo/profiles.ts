// What a server of each kind should advertise after EHLO, as data. The book's check
// (Chapter 5, "Verifying SMTP Port Settings"): compare the list with the expected verbs;
// missing X- verbs mean Exchange's SMTP extensions are not loaded.

export interface VerbRule {
  /** Keyword as advertised, optionally with parameters that must all be present ("X-EXPS GSSAPI"). */
  verb: string;
  /** Other spellings that count (the book writes X-EXCH50 in prose and XEXCH50 in Example 1). */
  aliases?: string[];
  /** Missing required verbs are a failure; missing optional ones are only noted. */
  required: boolean;
  why: string;
}

export interface Profile {
  id: string;
  name: string;
  verbs: VerbRule[];
  /** What missing required verbs mean on this kind of server. */
  missingMeaning: string;
  /** What to do about it. */
  missingFix: string;
  ref: string;
}

const BOOK_VERIFY = 'Book ch. 5, Verifying SMTP Port Settings (Examples 1 and 2)';

export const PROFILES: Record<string, Profile> = {
  exchange2000: {
    id: 'exchange2000',
    name: 'Exchange 2000/2003 on the Windows SMTP service',
    verbs: [
      {
        verb: 'X-EXPS GSSAPI',
        required: true,
        why: 'Exchange server-to-server authentication (Kerberos/NTLM)',
      },
      { verb: 'X-LINK2STATE', required: true, why: 'link state routing between Exchange servers' },
      {
        verb: 'XEXCH50',
        aliases: ['X-EXCH50'],
        required: true,
        why: 'carries Exchange message properties between servers',
      },
      {
        verb: 'X-EXPS=LOGIN',
        required: false,
        why: "Exchange authentication with Basic (LOGIN); advertised only when Basic authentication is enabled on the virtual server, as the book's Example 7 server shows",
      },
    ],
    missingMeaning:
      "The Windows SMTP service answers, but Exchange's SMTP event sinks are not loaded or the IIS metabase is damaged: these are Exchange's own verbs, and without them Exchange servers cannot authenticate to each other, route by link state or pass message properties. The book's Example 2 shows the same list as a server that never had Exchange.",
    missingFix:
      'Load Exchange SMTP again: reapply the latest Windows service pack, reinstall Exchange (settings are kept), then reapply the Exchange service packs and updates. On Exchange 2000 SP2 or later, the SMTP Reinstall Tool (Smtpreinstall.exe from \\Server\\Support\\Utils\\i386 on the SP CD, run from \\Exchsrvr\\Bin, then restart) restores the verbs; on a cluster, reinstall Exchange instead.',
    ref: BOOK_VERIFY,
  },
  exchange: {
    id: 'exchange',
    name: 'Exchange Server 2007 and later (default receive connector)',
    verbs: [
      { verb: 'X-ANONYMOUSTLS', required: true, why: 'anonymous TLS between Exchange transport servers' },
      {
        verb: 'X-EXPS GSSAPI',
        required: true,
        why: 'Exchange server authentication (the ExchangeServer/Integrated mechanisms)',
      },
      { verb: 'STARTTLS', required: false, why: 'opportunistic TLS; needs a certificate' },
      { verb: 'XRDST', required: false, why: 'redirect target, advertised by Exchange 2010 and later' },
      {
        verb: 'XEXCH50',
        required: false,
        why: 'legacy message properties, on Exchange 2007/2010 hub connectors',
      },
      { verb: 'XSHADOW', required: false, why: 'shadow redundancy, on Exchange 2010 hub connectors' },
    ],
    missingMeaning:
      "Exchange's own verbs come from the receive connector's authentication mechanisms (ExchangeServer, Integrated, TLS). They are missing when the connector was changed from its defaults, or when something else answers on this port: an SMTP gateway, an anti-spam appliance or a firewall doing SMTP inspection.",
    missingFix:
      'In the Exchange Management Shell run Get-ReceiveConnector | Format-List Name,Bindings,AuthMechanism,PermissionGroups and restore the default connector (AuthMechanism including Tls, Integrated and ExchangeServer; PermissionGroups including ExchangeServers), then restart the transport services. If a gateway answers, that is by design: check Exchange from inside with --profile exchange. If transport files are damaged, reapply the latest Cumulative Update (today\'s counterpart of the book\'s "reapply the service pack").',
    ref: `${BOOK_VERIFY}; Microsoft Learn, Receive connector authentication mechanisms`,
  },
  'exchange-online': {
    id: 'exchange-online',
    name: 'Exchange Online (Microsoft 365) inbound',
    verbs: [{ verb: 'STARTTLS', required: true, why: 'Exchange Online always offers TLS' }],
    missingMeaning:
      'Exchange Online always offers STARTTLS; without it, something between here and Microsoft rewrites the conversation.',
    missingFix:
      'Check for a proxy or firewall with SMTP inspection on the path, and probe from another network.',
    ref: 'RFC 3207 §4',
  },
  postfix: {
    id: 'postfix',
    name: 'Postfix (defaults)',
    verbs: [
      { verb: 'PIPELINING', required: true, why: 'RFC 2920; on by default' },
      { verb: '8BITMIME', required: true, why: 'RFC 6152; on by default' },
      { verb: 'ENHANCEDSTATUSCODES', required: true, why: 'RFC 2034; on by default' },
      { verb: 'SIZE', required: false, why: 'message_size_limit' },
      { verb: 'DSN', required: false, why: 'RFC 3461' },
      { verb: 'SMTPUTF8', required: false, why: 'RFC 6531; Postfix 3.0 and later' },
      { verb: 'CHUNKING', required: false, why: 'RFC 3030; Postfix 3.4 and later' },
      { verb: 'STARTTLS', required: false, why: 'smtpd_tls_security_level may or encrypt' },
    ],
    missingMeaning:
      'Postfix advertises these by default; they are missing when smtpd_discard_ehlo_keywords removes them, or when a proxy or firewall with SMTP inspection rewrites the EHLO reply.',
    missingFix:
      'Run postconf smtpd_discard_ehlo_keywords smtpd_discard_ehlo_keyword_address_maps and remove the keywords unless they were dropped on purpose; check for SMTP inspection on the firewall.',
    ref: 'RFC 5321 §4.1.1.1; Postfix postconf(5)',
  },
  generic: {
    id: 'generic',
    name: 'Any SMTP server (no vendor verbs expected)',
    verbs: [
      { verb: 'PIPELINING', required: false, why: 'RFC 2920' },
      { verb: '8BITMIME', required: false, why: 'RFC 6152' },
      { verb: 'STARTTLS', required: false, why: 'RFC 3207' },
    ],
    missingMeaning: 'The server does not advertise what was expected of it.',
    missingFix: 'Check the server configuration for the missing extensions.',
    ref: 'RFC 5321 §4.1.1.1',
  },
};

export const PROFILE_IDS = Object.keys(PROFILES);

/** How a greeting (or EHLO hello line) reveals the software, and the profile it implies. */
export interface DetectRule {
  pattern: RegExp;
  profile: string;
  server: string;
}

// Order matters: the first match wins.
export const DETECT_RULES: DetectRule[] = [
  {
    pattern: /Microsoft ESMTP MAIL Service, Version: 5\.0\.2195/i,
    profile: 'exchange2000',
    server: 'the Windows 2000 SMTP service (IIS 5), which Exchange 2000 extends',
  },
  {
    pattern: /Microsoft ESMTP MAIL Service, Version: 6\.0\.3790/i,
    profile: 'exchange2000',
    server: 'the Windows Server 2003 SMTP service (IIS 6), which Exchange 2003 extends',
  },
  {
    pattern: /Microsoft ESMTP MAIL Service, Version: /i,
    profile: 'exchange2000',
    server: 'the Windows (IIS) SMTP service, which Exchange 2000/2003 extends',
  },
  {
    pattern: /\.outlook\.com\b.*Microsoft ESMTP MAIL Service/i,
    profile: 'exchange-online',
    server: 'Exchange Online (Microsoft 365)',
  },
  {
    pattern: /Microsoft ESMTP MAIL Service ready at/i,
    profile: 'exchange',
    server: 'Exchange Server 2007 or later (its default banner)',
  },
  { pattern: /\bESMTP\b.*\bPostfix\b/i, profile: 'postfix', server: 'Postfix' },
];

export interface Detection {
  profile: string;
  /** Why this profile: which banner text matched, or that it was chosen by hand. */
  reason: string;
  server?: string;
}

/** When the banner was customised, a vendor verb still gives the software away. */
export const VERB_HINTS: { keyword: string; profile: string; server: string }[] = [
  { keyword: 'X-LINK2STATE', profile: 'exchange2000', server: 'Exchange 2000/2003 (link state routing)' },
  { keyword: 'X-ANONYMOUSTLS', profile: 'exchange', server: 'Exchange Server 2007 or later' },
];

export function detectProfile(banner: string, keywords: readonly string[] = []): Detection {
  const rule = DETECT_RULES.find((r) => r.pattern.test(banner));
  if (rule) {
    const matched = rule.pattern.exec(banner)?.[0] ?? '';
    return {
      profile: rule.profile,
      server: rule.server,
      reason: `the greeting "${matched}" identifies ${rule.server}`,
    };
  }
  const hint = VERB_HINTS.find((h) => keywords.includes(h.keyword));
  if (hint) {
    return {
      profile: hint.profile,
      server: hint.server,
      reason: `the greeting does not name the software, but the EHLO reply carries ${hint.keyword}, which only ${hint.server} advertises`,
    };
  }
  return { profile: 'generic', reason: 'the greeting does not identify the server software' };
}
