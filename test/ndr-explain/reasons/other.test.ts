import { describe } from 'node:test';
import { table } from './table.js';

describe('reason: other', () => {
  table([
    { text: 'Syntax error, command unrecognized', reply: 500, want: 'other' },
    { text: 'Too many recipients', status: '5.5.3', want: 'other' },
    { text: '', want: 'other' },
  ]);
});
