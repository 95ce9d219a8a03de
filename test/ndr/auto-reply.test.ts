// Auto-reply subjects (out of office, in several languages) are told from bounces by whole words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';

test('auto-reply subjects: whole words only, and no leave request or missed-parcel notice', () => {
  const note = (subject: string) =>
    decodeBounce(
      Buffer.from(
        `From: Uma <uma@example.org>\nSubject: ${subject}\nContent-Type: text/plain; charset=utf-8\n\nHello.\n`,
        'utf8',
      ),
    ).note ?? '';
  for (const s of [
    'Absence request approved',
    '不在連絡票のお知らせ',
    'Autoreplying is off',
    'Out of officers meeting',
  ])
    assert.doesNotMatch(note(s), /automatic reply/, s);
  for (const s of [
    'Out of Office: lunch',
    'Automatic reply: hello',
    'Absent du bureau',
    'Réponse automatique : hello',
    '自動応答: hello',
    '不在通知',
    'Автоответ: привет',
  ])
    assert.match(note(s), /automatic reply/, s);
});
