// Authentication-Results (RFC 8601), ARC-Authentication-Results (RFC 8617) and Received-SPF
// (RFC 7208 §9.1), read tolerantly: Microsoft writes Authentication-Results without an
// authserv-id, or with `mx.microsoft.com 1;`; comments and quoted strings may hold ';' and '='.

export interface AuthMethod {
  /** spf, dkim, dmarc, arc, compauth, iprev, auth, bimi, … (lower case). */
  method: string;
  /** pass, fail, softfail, neutral, none, temperror, permerror, policy, … (lower case). */
  result: string;
  /** ptype.property → value, e.g. smtp.mailfrom, header.d, header.from, header.i. */
  props: Record<string, string>;
  /** reason= and other bare key=value pairs (action=, reason=). */
  extra: Record<string, string>;
  comment: string | null;
}

export interface AuthResults {
  /** Which header it came from. */
  header: 'Authentication-Results' | 'ARC-Authentication-Results' | 'Received-SPF';
  /** Who wrote it (the authserv-id), or null when the writer left it out. */
  authservId: string | null;
  /** ARC instance (i=) for ARC-Authentication-Results. */
  instance: number | null;
  methods: AuthMethod[];
  /** Position among the fields of that name, 0 = topmost (newest). */
  position: number;
  raw: string;
}

/** Longest value read (an AR field of a real server is well under 8 KB). */
const MAX_CHARS = 16 * 1024;

/** Split on `sep` outside comments and quotes; comments are removed and returned alongside. */
function splitTop(s: string, sep: string): { parts: string[]; comments: string[][] } {
  const parts: string[] = [];
  const comments: string[][] = [];
  let cur = '';
  let com: string[] = [];
  let depth = 0;
  let quoted = false;
  let comment = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth > 0) comment += s[i + 1] ?? '';
      else cur += c + (s[i + 1] ?? '');
      i++;
      continue;
    }
    if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) {
        com.push(comment.trim());
        comment = '';
        cur += ' ';
        continue;
      }
      comment += c;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (c === '(' && !quoted) {
      depth = 1;
      continue;
    } else if (c === sep && !quoted) {
      parts.push(cur.trim());
      comments.push(com);
      cur = '';
      com = [];
      continue;
    }
    cur += c;
  }
  if (comment) com.push(comment.trim());
  parts.push(cur.trim());
  comments.push(com);
  return { parts, comments };
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

function readMethod(text: string, comments: string[]): AuthMethod | null {
  const words = text.split(/\s+/).filter(Boolean);
  const head = words.shift();
  if (!head) return null;
  const eq = head.indexOf('=');
  if (eq <= 0) return null;
  const m: AuthMethod = {
    method: head
      .slice(0, eq)
      .toLowerCase()
      .replace(/\/\d+$/, ''),
    result: unquote(head.slice(eq + 1)).toLowerCase(),
    props: {},
    extra: {},
    comment: comments.length ? comments.join('; ') : null,
  };
  for (const w of words) {
    const e = w.indexOf('=');
    if (e <= 0) continue;
    const key = w.slice(0, e).toLowerCase();
    const val = unquote(w.slice(e + 1));
    if (key.includes('.')) m.props[key] = val;
    else m.extra[key] = val;
  }
  return m;
}

/** One Authentication-Results or ARC-Authentication-Results value. */
export function parseAuthResults(
  value: string,
  header: AuthResults['header'],
  position: number,
): AuthResults {
  const v = value.slice(0, MAX_CHARS);
  const { parts, comments } = splitTop(v, ';');
  let authservId: string | null = null;
  let instance: number | null = null;
  let start = 0;
  if (header === 'ARC-Authentication-Results' && /^i\s*=\s*\d+$/i.test(parts[0] ?? '')) {
    instance = Number(parts[0]!.split('=')[1]);
    start = 1;
  }
  const first = parts[start] ?? '';
  // The authserv-id has no '=' (Microsoft's bare "spf=pass …" starts with a method instead).
  if (first && !/^[\w.-]+\s*=/.test(first)) {
    authservId = first.split(/\s+/)[0]!.toLowerCase() || null;
    start++;
  }
  const methods: AuthMethod[] = [];
  for (let i = start; i < parts.length && methods.length < 100; i++) {
    if (/^none$/i.test(parts[i]!)) continue;
    const m = readMethod(parts[i]!, comments[i] ?? []);
    if (m) methods.push(m);
  }
  return {
    header,
    authservId,
    instance,
    methods,
    position,
    raw: value.length > 2000 ? `${value.slice(0, 2000)}…` : value,
  };
}

/** `Received-SPF: Pass (mailfrom) identity=mailfrom; client-ip=…; envelope-from=…; receiver=…`. */
export function parseReceivedSpf(value: string, position: number): AuthResults {
  const v = value.slice(0, MAX_CHARS);
  const result = /^\s*([A-Za-z]+)/.exec(v)?.[1]?.toLowerCase() ?? 'none';
  const { parts, comments } = splitTop(v, ';');
  const kv: Record<string, string> = {};
  for (const p of parts) {
    for (const w of p.split(/\s+/)) {
      const e = w.indexOf('=');
      if (e > 0) kv[w.slice(0, e).toLowerCase()] = unquote(w.slice(e + 1));
    }
  }
  const props: Record<string, string> = {};
  const envelope = kv['envelope-from'];
  // Google names the envelope sender only in its comment: "domain of a@b.example designates …".
  const fromComment =
    /\bdomain of (?:\S*@)?([a-z0-9.-]+\.[a-z]{2,})\s+(?:designates|does not designate)/i.exec(
      (comments[0] ?? []).join(' '),
    )?.[1];
  const mailfromDomain =
    (envelope?.includes('@') ? envelope.split('@').pop()!.replace(/>$/, '') : envelope) ?? fromComment;
  if (mailfromDomain) props['smtp.mailfrom'] = mailfromDomain;
  if (kv.helo) props['smtp.helo'] = kv.helo;
  if (kv['client-ip']) props['policy.client-ip'] = kv['client-ip'];
  // Google writes "(google.com: domain of … designates …)": the writer is before the colon.
  const comment = (comments[0] ?? []).join('; ') || null;
  const writer = kv.receiver ?? /^([a-z0-9.-]+\.[a-z]{2,}):/i.exec(comment ?? '')?.[1] ?? null;
  return {
    header: 'Received-SPF',
    authservId: writer ? writer.toLowerCase() : null,
    instance: null,
    methods: [{ method: 'spf', result, props, extra: {}, comment }],
    position,
    raw: value.length > 2000 ? `${value.slice(0, 2000)}…` : value,
  };
}
