// Non-English wording is read only when the status code does not decide, and splits sending
// limits, message size and mailbox capacity; "not found" needs a noun for a user or address.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from '../../src/ndr/reasons/index.js';

const wordedWithCode: Array<[string, string, string]> = [
  ['4.7.1', 'Превышен лимит отправки писем в час', 'blocked'],
  ['4.7.0', '送信容量を超えました。1時間後に再送してください', 'blocked'],
  ['5.0.0', 'Превышен лимит отправки писем в час', 'blocked'],
  ['5.3.4', 'Сообщение не доставлено: превышен размер', 'message-too-large'],
  ['5.0.0', 'Сообщение не доставлено: превышен размер', 'message-too-large'],
  ['5.1.2', 'ホストが見つかりません', 'host-not-found'],
  ['5.4.4', 'Сервер не найден', 'host-not-found'],
  ['5.0.0', 'Сервер не найден', 'host-not-found'],
  ['5.7.1', 'Отправитель не найден в белом списке', 'policy'],
  ['5.0.0', 'El dominio no existe', 'host-not-found'],
  ['5.0.0', 'メッセージの容量を超えています', 'message-too-large'],
  ['5.0.0', 'メールボックスの容量を超えています', 'mailbox-full'],
  ['5.0.0', 'Почтовый ящик переполнен', 'mailbox-full'],
  ['5.0.0', 'Пользователь не найден', 'unknown-user'],
  ['5.0.0', 'このメールアドレスは存在しません', 'unknown-user'],
  ['5.0.0', "L'adresse du destinataire n'existe pas", 'unknown-user'],
  ['5.0.0', 'La dirección no existe', 'unknown-user'],
  ['5.0.0', 'Die Adresse existiert nicht', 'unknown-user'],
  ['5.2.2', 'Пользователь не найден', 'mailbox-full'],
  ['5.1.1', '容量を超えました', 'unknown-user'],
];
for (const [status, diagnostic, category] of wordedWithCode) {
  test(`category of ${status} with "${diagnostic}" is ${category}`, () => {
    assert.equal(classify({ status, diagnostic }), category);
  });
}

// A spam verdict names the cause only when no blocklist or authentication failure does.
const spamVerdicts: Array<[string, string, string]> = [
  ['5.7.1', 'Message rejected as spam: client host [192.0.2.9] is listed on zen.spamhaus.org', 'blocked'],
  ['5.7.26', 'Message detected as spam due to DMARC failure', 'policy'],
  ['5.7.1', 'Message rejected as spam because of SPF failure for example.org', 'policy'],
  [
    '5.0.0',
    'Your email was rejected due to spam classification. Set up SPF records for your sending domain.',
    'spam-virus',
  ],
  ['5.7.1', 'Message rejected as spam by content scanner', 'spam-virus'],
];
for (const [status, diagnostic, category] of spamVerdicts) {
  test(`spam verdict: ${status} "${diagnostic.slice(0, 50)}" is ${category}`, () => {
    assert.equal(classify({ status, diagnostic }), category);
  });
}
