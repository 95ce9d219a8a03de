// Last resort for notices with no code at all: the bounce's X-Failed-Recipients header (set by Exim
// and Google) names who failed, and the notice's own words say why, in whatever language.
import { allAddresses, MAX_RECIPIENTS } from './text.js';
import type { BounceText, RawRecipient } from './types.js';

/** Google Groups refusals are localised prose with no code; say in English what they mean. */
const GROUPS =
  'Google Groups did not accept the post: the group may not exist, or the sender lacks permission to post to it (not a member, or posting is closed)';

/** The notice's first real paragraph (greetings are short), bounded. */
function leadParagraph(text: string): string | undefined {
  const paragraphs = text.slice(0, 20_000).split(/\n[ \t]*\n/);
  const p = paragraphs.map((s) => s.replace(/\s+/g, ' ').trim()).find((s) => s.length >= 40);
  return p && (p.length > 400 ? `${p.slice(0, 400)}…` : p);
}

export function failedHeaderRecipients(b: BounceText): RawRecipient[] {
  const named = b.headers.getAll('x-failed-recipients').flatMap(allAddresses);
  const seen = new Set<string>();
  const unique = named
    .filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()))
    .slice(0, MAX_RECIPIENTS);
  if (unique.length === 0) return [];
  const lead = leadParagraph(b.text);
  const groups =
    unique.some((a) => a.endsWith('@googlegroups.com')) || b.lower.includes('groups.google.com/support');
  const diagnostic = groups ? (lead ? `${GROUPS}. Notice: ${lead}` : GROUPS) : lead;
  return unique.map((recipient) => ({ recipient, action: 'failed', ...(diagnostic ? { diagnostic } : {}) }));
}
