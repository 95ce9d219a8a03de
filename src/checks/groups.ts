// The check groups of `mailflow check`, in the order they run and report: id, title and the help
// text --skip/--only show. Light on purpose: commands/check.ts reads it while parsing, before any
// check code loads. The implementations are in src/checks/<group>/group.ts, bound by
// src/checks/registry.ts; a group's id is its folder's name.
export const GROUP_META = [
  { id: 'mx', title: 'MX', help: 'MX records, addresses, PTR' },
  { id: 'smtp', title: 'SMTP', help: 'connect, greeting, EHLO verbs per exchanger' },
  { id: 'tls', title: 'TLS', help: 'STARTTLS, version, certificate' },
  { id: 'relay', title: 'Open relay', help: 'open-relay test; needs --relay-test' },
  { id: 'mta-sts', title: 'MTA-STS', help: '' },
  { id: 'tls-rpt', title: 'TLS-RPT', help: '' },
  { id: 'dane', title: 'DANE', help: 'TLSA' },
  { id: 'spf', title: 'SPF', help: '' },
  { id: 'dmarc', title: 'DMARC', help: '' },
  { id: 'blocklist', title: 'Blocklists', help: 'exchanger addresses and the domain on DNS blocklists' },
] as const;

export type Group = (typeof GROUP_META)[number]['id'];

/** Group ids in run order: the --skip/--only choices. */
export const GROUPS: readonly Group[] = GROUP_META.map((g) => g.id);

/** "mx (MX records, addresses, PTR), smtp (…), …, dmarc" for --skip's help. */
export const GROUP_HELP = GROUP_META.map((g) => (g.help ? `${g.id} (${g.help})` : g.id)).join(', ');

export function groupMeta<G extends Group>(id: G): { id: G; title: string; help: string } {
  const m = GROUP_META.find((g) => g.id === id)!;
  return { id, title: m.title, help: m.help };
}
