// Header blocks: unfolding, lookup, RFC 2047 decoding, and Content-Type style parameters.
import { decodeWords } from './encoding.js';

export class Headers {
  #block: string | undefined;
  #list: [string, string][] | undefined;
  #lower: string | undefined;

  /** Parsing waits until a field is asked for: most returned messages' headers never are. */
  constructor(block = '') {
    this.#block = block;
  }

  /** [lower-case name, raw unfolded value] in the order they appear. */
  get list(): [string, string][] {
    if (!this.#list) {
      this.#list = parseFields(this.#block ?? '');
      this.#block = undefined;
      this.#lower = undefined;
    }
    return this.#list;
  }

  get(name: string): string | undefined {
    const n = name.toLowerCase();
    if (this.#block !== undefined) {
      this.#lower ??= this.#block.toLowerCase();
      return findField(this.#block, this.#lower, n);
    }
    for (const [k, v] of this.list) if (k === n) return v;
    return undefined;
  }

  /** The value with encoded words decoded (for display: Subject, From). */
  text(name: string): string | undefined {
    const v = this.get(name);
    return v === undefined ? undefined : decodeWords(v);
  }

  getAll(name: string): string[] {
    const n = name.toLowerCase();
    return this.list.filter(([k]) => k === n).map(([, v]) => v);
  }

  get size(): number {
    return this.list.length;
  }
}

const FIELD = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:[ \t]*(.*)$/;

/** Parse an LF-only header block (no trailing blank line). Lines that are not fields are skipped. */
export function parseHeaders(block: string): Headers {
  return new Headers(block);
}

/** One field straight from an unparsed block (first occurrence, unfolded); `lower` is the block lower-cased. */
function findField(block: string, lower: string, name: string): string | undefined {
  for (let p = lower.indexOf(name); p >= 0; p = lower.indexOf(name, p + 1)) {
    if (p > 0 && lower.charCodeAt(p - 1) !== 10) continue;
    let c = p + name.length;
    while (lower[c] === ' ' || lower[c] === '\t') c++;
    if (lower[c] !== ':') continue;
    let e = block.indexOf('\n', c);
    while (e >= 0 && (block[e + 1] === ' ' || block[e + 1] === '\t')) e = block.indexOf('\n', e + 1);
    return block
      .slice(c + 1, e < 0 ? block.length : e)
      .replace(/\n[ \t]+/g, ' ')
      .trim();
  }
  return undefined;
}

function parseFields(block: string): [string, string][] {
  const list: [string, string][] = [];
  for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const m = FIELD.exec(line);
    if (m) list.push([m[1]!.toLowerCase(), m[2]!.trim()]);
  }
  return list;
}

/**
 * True when a line looks like the first field of a header block. Stricter than RFC 5322's field
 * name so that pasted text such as `<user@example.com>: ...` is read as text, not as a header.
 */
export function isFieldLine(line: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_.-]*[ \t]*:/.test(line);
}

export interface ContentType {
  type: string;
  params: Record<string, string>;
}

/** `text/plain; charset="utf-8"` → {type:'text/plain', params:{charset:'utf-8'}}; RFC 2231 continuations joined. */
export function parseContentType(value: string | undefined, fallback = 'text/plain'): ContentType {
  if (!value) return { type: fallback, params: {} };
  const [head, ...rest] = splitParams(value);
  const type = (head ?? '').trim().toLowerCase();
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    let name = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    const star = /^(.*?)\*(\d+)?\*?$/.exec(name);
    if (star) {
      name = star[1]!;
      if (p.slice(0, eq).trim().endsWith('*'))
        v = decodeURIComponent(v.replace(/^[^']*'[^']*'/, '').replace(/%(?![0-9a-f]{2})/gi, '%25'));
      params[name] = (params[name] ?? '') + v;
    } else params[name] = v;
  }
  return { type: /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : fallback, params };
}

/** Split on semicolons outside double quotes. */
function splitParams(value: string): string[] {
  if (!value.includes('"')) return value.split(';');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
