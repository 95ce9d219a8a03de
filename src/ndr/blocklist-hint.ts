// A blocklist rejection in a bounce → the `mailflow blocklist <ip>` command that checks the
// client address the receiver named. Pure; bounces are untrusted, so only a parsed IP address
// goes into the command line.
import { isIP } from 'node:net';

/** Wording of DNSBL and IP-reputation rejections (Postfix/Exim "blocked using", "listed at", Outlook.com S3150, Gmail). */
const LISTING =
  /blocked using|(?<!not )listed (?:at|on|in|by)|\bdnsbl\b|\brbl\b|spamhaus|spamcop|barracuda|block ?list|black ?list|\bA?S3150\b|reputation of the sending IP|\bIP reputation\b|banned sending IP/i;
const V4 = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])/g;
const V6_BRACKETED = /\[(?:ipv6:)?([0-9a-f]*:[0-9a-f:.]+)\]/gi;

/** Exchange Online's blocklist family: 5.7.606 to 5.7.649. */
function microsoftRange(status?: string): boolean {
  const m = /^5\.7\.(\d{3})$/.exec(status ?? '');
  return m !== null && Number(m[1]) >= 606 && Number(m[1]) <= 649;
}

/** The client address a rejection names: bracketed first ("[192.0.2.1]"), then any public-looking one. */
export function clientAddress(text: string): string | undefined {
  const candidates: { ip: string; bracketed: boolean }[] = [];
  for (const m of text.matchAll(V6_BRACKETED)) candidates.push({ ip: m[1]!, bracketed: true });
  for (const m of text.matchAll(V4)) {
    const before = text.slice(Math.max(0, m.index - 1), m.index);
    candidates.push({ ip: m[1]!, bracketed: before === '[' });
  }
  const usable = candidates.filter((c) => isIP(c.ip) !== 0 && !c.ip.startsWith('127.') && c.ip !== '::1');
  return (usable.find((c) => c.bracketed) ?? usable[0])?.ip;
}

/** `mailflow blocklist <ip>` when the text reads as a blocklist or IP-reputation rejection. */
export function blocklistCommand(status: string | undefined, text: string): string | undefined {
  if (!microsoftRange(status) && !LISTING.test(text)) return undefined;
  return `mailflow blocklist ${clientAddress(text) ?? '<sending-server-ip>'}`;
}
