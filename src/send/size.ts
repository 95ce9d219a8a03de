// --size: "20000", "10k", "2M", "1MB", "1.5MiB" → bytes (k and M are binary: 1k = 1024 bytes, as
// mail servers' limits are usually set), and the one cap on everything a test message carries.
import { UsageError } from '../findings/errors.js';

/** The most a test message may be, attachments and padding together. */
export const MAX_MESSAGE_BYTES = 50 * 1024 * 1024;

// G and T are read too, so that `100G` is told it is too big rather than that it is not a size.
const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

export function parseSize(raw: string, label = '--size'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(?:i?[bB])?\s*$/.exec(raw);
  if (!m) throw new UsageError(`${label} "${raw.slice(0, 40)}" is not a size like 20000, 10k, 2M or 1MB`);
  const bytes = Math.round(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
  if (bytes < 1 || bytes > MAX_MESSAGE_BYTES)
    throw new UsageError(`${label} must be from 1 byte to ${MAX_MESSAGE_BYTES / 1024 / 1024}M`);
  return bytes;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${n} bytes (${(n / 1024 / 1024).toFixed(1)} MiB)`;
  if (n >= 1024) return `${n} bytes (${(n / 1024).toFixed(1)} KiB)`;
  return `${n} bytes`;
}
