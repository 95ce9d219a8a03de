// DragonFly Mail Agent: "There was an error delivering your mail to <rcpt>." then
// `mx.example.com [192.0.2.1] did not like our RCPT TO:` and the reply on the next line.
import { commandOf, firstAddress, has, hostBefore, joinLines, section } from './text.js';
import type { Format } from './types.js';

export const dma: Format = {
  name: 'dma',
  detect: (b) => has(b, 'there was an error delivering your mail to'),
  parse(b) {
    const rcpt = firstAddress(/error delivering your mail to ([^\n]+)/i.exec(b.text)?.[1]);
    const body = section(b.text, /error delivering your mail to [^\n]*\n/i) ?? '';
    const diagnostic = joinLines(
      body
        .trim()
        .split(/\n\s*\n/)[0]!
        .split('\n'),
    );
    return [
      {
        recipient: rcpt,
        diagnostic,
        remoteMta: hostBefore(diagnostic),
        command: commandOf(diagnostic),
        reportingMta: /This is the DragonFly Mail Agent [^\s]+ at ([\w.-]+)/
          .exec(b.text)?.[1]
          ?.replace(/\.$/, ''),
      },
    ];
  },
};
