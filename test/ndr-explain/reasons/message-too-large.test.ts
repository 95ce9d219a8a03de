import { describe } from 'node:test';
import { table } from './table.js';

describe('reason: message-too-large', () => {
  table([
    { text: 'Message size exceeds fixed limit', want: 'message-too-large', reason: 'size-limit' },
    { text: 'message too large for this recipient', want: 'message-too-large', reason: 'size-limit' },
    { text: 'RESOLVER.RST.RecipSizeLimit', want: 'message-too-large', reason: 'size-limit' },
    { text: 'Nachricht ist zu groß', want: 'message-too-large', reason: 'size-words' },
    { text: 'refused', status: '5.3.4', want: 'message-too-large' },
    { text: 'rejected', status: '5.2.3', want: 'message-too-large' },
  ]);
});
