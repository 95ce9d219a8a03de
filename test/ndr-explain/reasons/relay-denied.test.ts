import { describe } from 'node:test';
import { table } from './table.js';

describe('reason: relay-denied', () => {
  table([
    { text: 'Relay access denied', want: 'relay-denied', reason: 'relay-denied' },
    { text: 'Unable to relay for x@example.com', want: 'relay-denied', reason: 'relay-denied' },
    { text: 'relaying is prohibited', want: 'relay-denied', reason: 'relay-denied' },
    { text: 'we do not serve this domain', want: 'relay-denied', reason: 'relay-denied' },
    { text: 'sorry, you are not our customer', want: 'relay-denied', reason: 'not-our-customer' },
    { text: '', reply: 551, want: 'relay-denied' },
    // Order: relaying before the authentication advice it often carries.
    { text: 'Relaying denied. Proper authentication required', want: 'relay-denied', reason: 'relay-denied' },
  ]);
});
