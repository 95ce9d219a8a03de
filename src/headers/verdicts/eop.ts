// Exchange Online Protection / Exchange anti-spam stamps: X-Forefront-Antispam-Report,
// X-Microsoft-Antispam (BCL, PCL), X-MS-Exchange-Organization-SCL/-AuthAs/-AuthSource,
// X-Microsoft-Antispam-Mailbox-Delivery. Meanings from Microsoft's published tables
// ("Anti-spam message headers in Microsoft 365", "Spam confidence level", "Bulk complaint level").
import type { Headers } from '../../ndr/mime/headers.js';
import { short, type Verdict } from './types.js';

const VENDOR = 'Exchange Online Protection';
const SRC = 'Microsoft Learn: Anti-spam message headers in Microsoft 365';

export function sclMeaning(scl: number): [string, boolean | null] {
  if (scl === -1)
    return [
      'SCL -1: spam filtering was skipped (a trusted sender, an allow entry, a mail flow rule, or internal mail); delivered to the Inbox',
      false,
    ];
  if (scl <= 1) return [`SCL ${scl}: not spam; delivered to the Inbox`, false];
  if (scl <= 4)
    return [
      `SCL ${scl}: not used by EOP's own filter (another rule or an on-premises setting wrote it); below the usual Junk threshold`,
      null,
    ];
  if (scl === 7)
    return [
      "SCL 7: not used by EOP's own filter (a mail flow rule or an on-premises setting wrote it); at or above the usual Junk threshold of Exchange on-premises",
      true,
    ];
  if (scl <= 6)
    return [
      `SCL ${scl}: marked as spam; the spam action applies (by default delivered to the Junk Email folder)`,
      true,
    ];
  return [
    `SCL ${scl}: high confidence spam; the high-confidence spam action applies (Junk Email folder or quarantine)`,
    true,
  ];
}

const SFV: Record<string, [string, boolean | null]> = {
  BLK: [
    "filtering was skipped and the message blocked because the sender is on the recipient's Blocked Senders list",
    true,
  ],
  NSPM: ['spam filtering marked the message as not spam', false],
  SFE: [
    "filtering was skipped and the message allowed because the sender is on the recipient's Safe Senders list",
    false,
  ],
  SKA: [
    'filtering was skipped and the message allowed by the anti-spam policy (allowed senders or domains)',
    false,
  ],
  SKB: [
    'the message was marked as spam because it matched a blocked sender or domain in the anti-spam policy',
    true,
  ],
  SKI: ['filtering was skipped: intra-organisation mail', false],
  SKN: ['the message was marked as not spam before spam filtering (for example by a mail flow rule)', false],
  SKQ: ['the message was released from quarantine and sent to the recipient', null],
  SKS: ['the message was marked as spam before spam filtering (for example by a mail flow rule)', true],
  SPM: ['spam filtering marked the message as spam', true],
};

const CAT: Record<string, [string, boolean | null]> = {
  AMP: ['anti-malware', true],
  BULK: ['bulk mail', true],
  DIMP: ['domain impersonation', true],
  FTBP: ['anti-malware common attachments (file type) filter', true],
  GIMP: ['mailbox intelligence impersonation', true],
  HPHSH: ['high confidence phishing', true],
  HPHISH: ['high confidence phishing', true],
  HSPM: ['high confidence spam', true],
  INTOS: ['intra-organisation phishing', true],
  MALW: ['malware', true],
  OSPM: ['outbound spam', true],
  PHSH: ['phishing', true],
  SAP: ['Safe Attachments', true],
  SPM: ['spam', true],
  SPOOF: ['spoofing', true],
  UIMP: ['user impersonation', true],
  NONE: ['no protection policy matched', false],
};

const IPV: Record<string, string> = {
  CAL: 'the source IP is on an IP Allow List in the connection filter policy; spam filtering was skipped',
  NLI: 'the source IP was not found on any IP reputation list',
};

const SFTY: Record<string, string> = {
  '9.19': 'domain impersonation (the sending domain imitates a protected domain)',
  '9.20': 'user impersonation (the sender imitates a protected user)',
  '9.25': 'first contact safety tip (the recipient rarely or never got mail from this sender)',
};

const DIR: Record<string, string> = { INB: 'inbound', OUT: 'outbound', INT: 'internal (intra-organisation)' };

/** `CIP:192.0.2.1;CTRY:US;LANG:en;SCL:1;SRV:;IPV:NLI;SFV:NSPM;H:mail.example.com;…` → field map (keys upper case). */
export function forefrontFields(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.slice(0, 8192).split(';')) {
    const c = part.indexOf(':');
    if (c <= 0) continue;
    const k = part.slice(0, c).trim().toUpperCase();
    if (/^[A-Z0-9-]{1,20}$/.test(k) && !(k in out)) out[k] = part.slice(c + 1).trim();
  }
  return out;
}

function bcl(n: number): [string, boolean | null] {
  if (n === 0) return ['BCL 0: not from a bulk sender', false];
  if (n <= 3) return [`BCL ${n}: from a bulk sender that draws few complaints`, false];
  if (n <= 7)
    return [
      `BCL ${n}: from a bulk sender that draws a mixed number of complaints (the default bulk threshold is 7)`,
      null,
    ];
  return [
    `BCL ${n}: from a bulk sender that draws many complaints; filtered as bulk at the default threshold`,
    true,
  ];
}

export function readEop(h: Headers): Verdict[] {
  const out: Verdict[] = [];
  const v = (
    header: string,
    field: string,
    value: string,
    meaning: string,
    spam: boolean | null,
    source = SRC,
  ) => out.push({ vendor: VENDOR, header, field, value: short(value), meaning, spam, source });
  const ff = h.get('x-forefront-antispam-report') ?? h.get('x-forefront-antispam-report-untrusted');
  if (ff) {
    const hdr = 'X-Forefront-Antispam-Report';
    const f = forefrontFields(ff);
    if (f.SCL !== undefined && /^-?\d$/.test(f.SCL)) {
      const [m, s] = sclMeaning(Number(f.SCL));
      v(hdr, 'SCL', f.SCL, m, s, 'Microsoft Learn: Spam confidence level (SCL) in Microsoft 365');
    }
    if (f.SFV) {
      const [m, s] = SFV[f.SFV.toUpperCase()] ?? [
        `SFV ${f.SFV}: a spam filtering verdict not in Microsoft's published table`,
        null,
      ];
      v(hdr, 'SFV', f.SFV, `SFV ${f.SFV}: ${m}`, s);
    }
    if (f.CAT) {
      const [m, s] = CAT[f.CAT.toUpperCase()] ?? [
        `category ${f.CAT} (not in Microsoft's published table)`,
        null,
      ];
      v(hdr, 'CAT', f.CAT, `CAT ${f.CAT}: the protection policy that applied is ${m}`, s);
    }
    if (f.IPV)
      v(
        hdr,
        'IPV',
        f.IPV,
        `IPV ${f.IPV}: ${IPV[f.IPV.toUpperCase()] ?? 'connection filtering result not in the published table'}`,
        null,
      );
    if (f.SRV && /bulk/i.test(f.SRV))
      v(
        hdr,
        'SRV',
        f.SRV,
        'SRV BULK: the message was identified as bulk mail by spam filtering and the bulk complaint level threshold',
        true,
      );
    if (f.SFTY) {
      const base = /^\d+\.\d+/.exec(f.SFTY)?.[0] ?? f.SFTY;
      v(
        hdr,
        'SFTY',
        f.SFTY,
        `SFTY ${f.SFTY}: ${SFTY[base] ?? 'the message was identified as phishing; the number says which safety tip applies'}`,
        SFTY[base] ? null : true,
      );
    }
    if (f.SFS)
      v(
        hdr,
        'SFS',
        f.SFS,
        'SFS: the spam rules that matched (Microsoft does not publish what the numbers mean)',
        null,
      );
    if (f.CIP) v(hdr, 'CIP', f.CIP, `CIP: the connecting IP address was ${f.CIP}`, null);
    if (f.CTRY)
      v(hdr, 'CTRY', f.CTRY, `CTRY: the source country from the connecting IP address is ${f.CTRY}`, null);
    if (f.LANG) v(hdr, 'LANG', f.LANG, `LANG: the message is written in the language ${f.LANG}`, null);
    if (f.PTR) v(hdr, 'PTR', f.PTR, `PTR: the reverse DNS name of the source IP is ${f.PTR}`, null);
    if (f.H) v(hdr, 'H', f.H, `H: the source server introduced itself as ${f.H} (HELO/EHLO)`, null);
    if (f.DIR)
      v(hdr, 'DIR', f.DIR, `DIR: the message's direction was ${DIR[f.DIR.toUpperCase()] ?? f.DIR}`, null);
  }
  const ma = h.get('x-microsoft-antispam');
  if (ma) {
    const f = forefrontFields(ma);
    if (f.BCL && /^\d$/.test(f.BCL)) {
      const [m, s] = bcl(Number(f.BCL));
      v('X-Microsoft-Antispam', 'BCL', f.BCL, m, s, 'Microsoft Learn: Bulk complaint level (BCL) in EOP');
    }
    if (f.PCL && /^\d$/.test(f.PCL)) {
      const n = Number(f.PCL);
      v(
        'X-Microsoft-Antispam',
        'PCL',
        f.PCL,
        n <= 3 ? `PCL ${n}: content not likely phishing` : `PCL ${n}: content likely phishing`,
        !(n <= 3),
      );
    }
  }
  const scl = h.get('x-ms-exchange-organization-scl');
  if (scl && /^-?\d$/.test(scl.trim())) {
    const [m, s] = sclMeaning(Number(scl.trim()));
    v(
      'X-MS-Exchange-Organization-SCL',
      '',
      scl.trim(),
      m,
      s,
      'Microsoft Learn: Spam confidence level (SCL) in Microsoft 365',
    );
  }
  const as = h.get('x-ms-exchange-organization-authas');
  if (as) {
    const meaning: Record<string, string> = {
      anonymous: 'the sending server did not authenticate: mail from outside the organisation',
      internal: 'the sender authenticated as part of the organisation',
      partner: 'the sender authenticated as a partner (domain-secured or connector-based trust)',
    };
    v(
      'X-MS-Exchange-Organization-AuthAs',
      '',
      as,
      `AuthAs ${as}: ${meaning[as.trim().toLowerCase()] ?? 'how Exchange authenticated the source'}`,
      null,
      'Microsoft Learn: Exchange organisation headers (AuthAs, AuthSource)',
    );
  }
  const src = h.get('x-ms-exchange-organization-authsource');
  if (src)
    v(
      'X-MS-Exchange-Organization-AuthSource',
      '',
      src,
      `AuthSource: ${src} is the Exchange server that judged where the message came from`,
      null,
      'Microsoft Learn: Exchange organisation headers (AuthAs, AuthSource)',
    );
  const mbd = h.get('x-microsoft-antispam-mailbox-delivery');
  if (mbd) {
    const f = forefrontFields(mbd);
    const dest = f.DEST?.toUpperCase();
    // Not in Microsoft's published tables: read as commonly observed, and labelled so.
    const seen = 'not documented by Microsoft; reading as commonly observed';
    if (dest === 'J')
      v(
        'X-Microsoft-Antispam-Mailbox-Delivery',
        'dest',
        f.DEST!,
        'dest:J — the mailbox put the message in the Junk Email folder',
        true,
        seen,
      );
    else if (dest === 'I')
      v(
        'X-Microsoft-Antispam-Mailbox-Delivery',
        'dest',
        f.DEST!,
        'dest:I — the mailbox put the message in the Inbox',
        false,
        seen,
      );
  }
  return out;
}
