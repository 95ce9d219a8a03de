// Gmail / Google Workspace notices: "Delivery to the following recipient failed permanently:"
// then the address, then "Technical details of permanent failure:" or, in the newer layout,
// "Your message wasn't delivered to X because ..." and "The response from the remote server was:".
import { commandOf, firstAddress, has, hostBefore, joinLines, section } from './text.js';
import type { Format, RawRecipient } from './types.js';

/** Where the remote server's own answer starts, in the old and the new layout. */
const REMOTE_SAID =
  /(?:The error that the other server returned was:|The response from the remote server was:|The response was:)\s*/i;
/** Google's own explanation, used when no remote answer is quoted. */
const GOOGLE_DETAILS = /Technical details of (?:permanent|temporary) failure:\s*/i;

export const gmail: Format = {
  name: 'gmail',
  detect: (b) =>
    has(
      b,
      'delivery to the following recipient',
      'technical details of permanent failure',
      'technical details of temporary failure',
      'the error that the other server returned was',
      'the response from the remote server was',
      "your message wasn't delivered to",
      'message not delivered',
    ),
  parse(b): RawRecipient[] {
    const text = b.text;
    const listed =
      section(
        text,
        /(?:Delivery to the following recipients? (?:failed[^\n]*|has been delayed[^\n]*)|wasn't delivered to)\s*/i,
        /\n\s*\n/,
      ) ?? '';
    const recipients = [
      ...new Set(
        listed
          .split('\n')
          .map(firstAddress)
          .filter((x): x is string => !!x),
      ),
    ];
    // The remote server's words come last; Google's own sentence before them is context only.
    const tail = section(text, REMOTE_SAID) ?? section(text, GOOGLE_DETAILS) ?? '';
    const diagnostic = joinLines(tail.split(/\n\s*\n/)[0]!.split('\n'));
    const remote = hostBefore(text) ?? /server (?:at|for) ([\w.-]+\.\w+)/i.exec(text)?.[1];
    const list = recipients.length ? recipients : [firstAddress(diagnostic)];
    return list.map((recipient) => ({
      recipient,
      diagnostic,
      remoteMta: remote,
      command: commandOf(text),
    }));
  },
};
