// Wording of delivery notices in every language, English included, in one table per meaning, so
// that a language is added in one place: the failure detector (formats/fallback.ts), the "is this a
// bounce at all" gate (formats/not-bounce.ts), the inline-forward reader (decode.ts) and the weak
// bounce reasons (reasons/) all build their patterns from here. Each entry is regex source,
// matched case-insensitively. The specific English wording of each bounce reason is data in its
// own reason module (reasons/<category>.ts), as phrases.

type Lang = 'en' | 'ja' | 'zh' | 'ko' | 'ru' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pt';
export type Words = Readonly<Partial<Record<Lang, string>>>;

/** "Your message could not be delivered" (no reason given). */
export const NOT_DELIVERED: Words = {
  ja: '(?:送信|配信|転送)(?:に失敗|できませんでした)|届けられませんでした',
  zh: '无法送达|投递失败|发送失败',
  ko: '전송(?:에 )?실패',
  ru: 'не может быть доставлено|не удалось доставить',
  de: 'unzustellbar|konnte nicht zugestellt',
  fr: "n'a pas pu [eê]tre (?:remis|distribu)",
  es: 'no se (?:pudo|ha podido) entregar',
  it: "non (?:è|e'|e) stato (?:consegnato|recapitato)|non recapitat",
  nl: 'kon niet (?:worden )?(?:bezorgd|afgeleverd)|onbestelbaar',
  pt: 'n[ãa]o (?:p[ôo]de ser|foi) entregue',
};

/**
 * Reasons loose enough to spot a failure by, not to categorise it ("does not exist", "over
 * capacity"): the words-only reader (formats/fallback.ts) takes a line with them for a failure.
 */
export const FAILURE_REASON: Words = {
  en: "user unknown|unknown user|no such (user|mailbox|address)|does ?n[o']t exist|does not have an? .*account|doesn't have an? .*account|not listed in|invalid (final delivery )?(user|recipient|address|userid|mailbox)|account (is |has been )?(disabled|locked|suspended|discontinued)|mailbox (is )?(full|unavailable|disabled)|over ?quota|quota exceeded|exceeds? (allowed|the) (size|limit)|size limit|too large|unrouteable|unroutable|unknown host|host unknown|host not found|could not find a gateway|no mx|retry time(out)? (exceeded|reached)|network error|timed? ?out|connection refused|(unable|could not|cannot) (to )?(be )?deliver|not (be )?delivered|undeliverable|rejected|blocked|denied|refused|expired|delivery (has )?failed|failed permanently",
  ja: '存在しません|見つかりません|宛先不明|容量を?超え',
  zh: '不存在',
  ko: '존재하지 않는',
  ru: 'не существует|переполнен',
  fr: 'destinataire inconnu|utilisateur inconnu',
  es: 'usuario desconocido',
  it: 'utente sconosciuto|destinatario sconosciuto',
  pt: 'usu[áa]rio desconhecido',
};

/** Specific wording of a whole notice that says a delivery failed (the "is this a bounce" gate). */
export const BOUNCE_NOTICE: Words = {
  en: "could not be delivered|couldn't be delivered|undeliverable|not delivered|(?:wasn't|was not) (?:able to deliver|delivered)|user unknown|unknown user|no such (?:user|mailbox)|recipient address rejected|mailbox (?:is )?(?:full|unavailable)|delivery (?:has )?failed|failed permanently|unable to deliver|returned mail|permanent (?:fatal )?error|delivery status notification",
};

// Weak bounce reasons. Read only when the status code does not decide, in the order of
// reasons/order.ts. "Not found" / "does not exist" needs a noun for a user, address or mailbox to
// mean an unknown user.

/** Sending or rate limits of the sender (category "blocked"). */
export const SENDING_LIMIT: Words = {
  ja: '送信(?:容量|制限|上限|数)',
  ru: 'превыш\\S* (?:\\S+ )?лимит\\S* (?:\\S+ )?(?:отправ|писем|сообщений)|лимит отправки',
  de: 'Sendelimit',
  fr: "limite d'envoi",
  es: 'l[íi]mite de env[íi]o',
};

/** The message is too large. */
export const MESSAGE_TOO_LARGE: Words = {
  ja: '(?:メッセージ|メール)の?(?:サイズ|容量)(?:が|を)?(?:超え|大き)|サイズ(?:が|を)?(?:超え|大きすぎ)',
  ru: 'превыш\\S* (?:\\S+ )?размер|размер (?:\\S+ )?превыш',
  de: 'Nachricht (?:ist )?zu gro[ßs]',
  fr: 'message trop (?:volumineux|gros)',
  es: 'mensaje (?:es )?demasiado grande',
};

/** The recipient's domain or mail host does not exist. */
export const HOST_NOT_FOUND: Words = {
  ja: 'ドメイン(?:名)?が(?:存在しません|見つかりません)|ホスト(?:名)?が見つかりません',
  ru: 'домен (?:\\S+ )?не (?:существует|найден)|(?:сервер|хост) (?:\\S+ )?не найден',
  de: 'Domain (?:\\S+ )?existiert nicht',
  fr: "domaine (?:\\S+ )?n'existe pas",
  es: 'dominio (?:\\S+ )?no existe',
};

/** The recipient's mailbox is full. */
export const MAILBOX_FULL: Words = {
  ja: '容量(?:を|が)?(?:超え|オーバー|不足)|(?:メールボックス|メールBOX|受信箱)が?(?:いっぱい|一杯|満杯)',
  zh: '邮箱(?:已满|空间不足)|(?:信箱|郵箱)已滿',
  ko: '메일함이 (?:가득|꽉)|용량(?:을|이)? 초과',
  ru: 'ящик (?:\\S+ )?переполнен|превыш\\S* (?:\\S+ )?(?:квот|лимит)',
  de: 'Postfach (?:ist )?voll|Speicherplatz',
  fr: 'bo[iî]te (?:aux lettres )?(?:est )?pleine|quota d[ée]pass[ée]',
  es: 'buz[oó]n (?:est[aá] )?lleno',
};

/** The recipient does not exist. */
export const UNKNOWN_USER: Words = {
  ja: '(?:ユーザー?|アドレス|宛先|アカウント|メールボックス)[^。\\n]{0,40}?(?:存在しません|見つかりません|いません)|宛先不明',
  zh: '(?:收件人|用户|帐号|账号|账户|邮箱|地址)不存在',
  ko: '존재하지 않는 (?:\\S+ )?(?:계정|사용자|주소|메일|수신)|찾을 수 없는 (?:사용자|계정|주소)',
  ru: '(?:пользовател|адрес|ящик|получател|учетн|абонент)\\S* (?:\\S+ )?не (?:существует|найден)|нет такого (?:пользователя|ящика|адреса)',
  de: '(?:Empf[äa]nger|Benutzer|Adresse|Postfach|Konto)\\S* (?:\\S+ )?existiert nicht|unbekannte[rn]? (?:Empf[äa]nger|Benutzer|Adresse)',
  fr: "(?:utilisateur|adresse|destinataire|bo[iî]te|compte)\\S* (?:\\S+ ){0,3}n'existe pas|destinataire inconnu|utilisateur inconnu",
  es: '(?:usuario|direcci[oó]n|buz[oó]n|destinatario|cuenta)\\S* (?:\\S+ ){0,3}no existe|usuario desconocido',
  it: 'utente sconosciuto|destinatario sconosciuto',
  pt: 'usu[áa]rio desconhecido',
  en: 'recipient (?:address(?:es)? )?rejected',
};

/** The server is not the recipient's provider (category "relay-denied"). */
export const NOT_OUR_CUSTOMER: Words = {
  en: 'not our customer',
};

/** The sending server stopped retrying (category "expired"). */
export const GAVE_UP: Words = {
  en: 'giving up|gave up',
};

/** A generic refusal by rule (category "policy"). */
export const NOT_PERMITTED: Words = {
  en: 'policy|not (?:allowed|authori[sz]ed|permitted)|access denied|prohibited|forbidden|permission',
};

/** A bare refusal (category "blocked"), the most generic wording of all. */
export const REFUSED: Words = {
  en: '\\bblocked\\b|\\bbanned\\b|\\brefused\\b|\\bdenied\\b',
};

/** A warning that the sending server is still retrying (a delay notice, not a failure). */
export const DELAY_NOTICE: { subject: Words; text: Words } = {
  subject: { en: 'delayed|delay\\)|still being retried|warning: could not send' },
  text: {
    // Postfix; Sendmail; Exim; Gmail.
    en: 'this is a warning only|will be retried until|transient non-fatal errors|has not yet been delivered|has been delayed|technical details of temporary failure|will keep trying',
  },
};

// Headers.

/** Senders of delivery notices (From: of a bounce), in any language's notices. */
export const DELIVERY_SENDER =
  'mailer-daemon|postmaster|post_master|mail delivery|delivery (?:status|subsystem|system)|microsoft ?outlook|microsoftexchange[0-9a-f]{8}|mail administrator|mail system';

/** Mail clients' inline-forward separator titles ("-----Original Message-----"). */
export const FORWARD_TITLE: Words & { en: string } = {
  en: '(?:Original|Forwarded) [Mm]essage',
  de: 'Weitergeleitete Nachricht',
};

/**
 * Titles of the line that starts the returned original in text-only bounces: after a run of
 * dashes (`dashed`), framed by dashes alone on their line (`framed`), or alone on their line.
 */
export const RETURNED_TITLE: { dashed: Words; framed: Words; alone: Words } = {
  dashed: {
    en: 'below this line is a copy of the message|this is a copy of the message|original message|returned message|undelivered message|the header of the original message|message headers follow|unsent message below|headers? of (?:the )?(?:original|returned) message|original message headers|the original message (?:was|is) (?:received|attached)',
  },
  framed: {
    en: '(?:original|returned|unsent|failed) (?:message|mail)(?: follows| below| headers)?|(?:the )?(?:original )?message (?:text|body|header|headers)(?: follows| below)?',
  },
  alone: {
    en: 'original message follows|message headers follow|original message headers|--- original message ---|unsent message below',
  },
};

/** The From: label of forwarded headers. */
export const FROM_LABEL = 'from|von|de|van|da|fra|från';

/** Auto-reply subjects; a word boundary follows the Latin-script ones. */
export const AUTO_REPLY_SUBJECT: { latin: Words & { en: string }; other: Words } = {
  latin: {
    en: 'out of office|automatic reply|auto(?:matic)?[- ]?(?:reply|response)',
    de: 'abwesenheitsnotiz|automatische antwort',
    fr: "r[ée]ponse automatique|absen(?:t|ce) du bureau|message d'absence",
    es: 'respuesta autom[aá]tica|fuera de la oficina',
    nl: 'afwezig',
  },
  other: {
    ru: 'автоответ',
    ja: '自動応答|自動返信|不在(?:通知|のお知らせ|中)|【不在】',
  },
};

/** The alternatives of some tables, all languages, as regex source. */
export function anyOf(...tables: Words[]): string {
  return tables.flatMap((t) => Object.values(t) as string[]).join('|');
}

/** A case-insensitive pattern matching any language's wording in the tables. */
export function wordsRegExp(...tables: Words[]): RegExp {
  return new RegExp(anyOf(...tables), 'i');
}
