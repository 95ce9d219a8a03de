// Reads every input once, in order, through its format's parser into the correlator.
// Rotated files (maillog.2.gz, maillog.1, maillog) are read oldest first.
import { type CorrelateOptions, Correlator } from './correlate.js';
import { detectFormat, type InputFormat, makeParser } from './detect.js';
import type { LineParser, LogEvent } from './event.js';
import { isStdin, type ReadStats, readLines } from './reader.js';
import { TimeReader } from './time.js';

export interface ScanOptions extends CorrelateOptions {
  format: InputFormat;
  since?: number;
  until?: number;
  signal?: AbortSignal;
}

export interface ScanStats extends ReadStats {
  /** Lines a parser turned into an event. */
  events: number;
  /** Lines no parser read (other programs' lines, malformed or truncated ones). */
  unrecognised: number;
  /** Events outside --since/--until. */
  outside: number;
  formats: Record<string, string>;
  evicted: number;
}

const SAMPLE = 50;

function rotation(path: string): number {
  const m = /\.(\d+)(\.gz)?$/.exec(path) ?? /-(\d{8})(\.gz)?$/.exec(path);
  if (!m) return -1;
  // logrotate's numbers count back in time; dateext suffixes count forward.
  return m[1]!.length === 8 ? -Number(m[1]) : Number(m[1]);
}

/** Oldest first: a higher rotation number is older; unrotated files keep their order, last. */
export function orderInputs(paths: readonly string[]): string[] {
  return paths
    .map((p, i) => ({ p, i, r: isStdin(p) ? -1 : rotation(p) }))
    .sort((a, b) => (a.r !== b.r && (a.r >= 0 || b.r >= 0) ? b.r - a.r : a.i - b.i))
    .map((x) => x.p);
}

export async function scan(paths: readonly string[], opts: ScanOptions): Promise<ScanStats> {
  const stats: ScanStats = {
    lines: 0,
    overlong: 0,
    bytes: 0,
    damaged: 0,
    runaway: 0,
    events: 0,
    unrecognised: 0,
    outside: 0,
    formats: {},
    evicted: 0,
  };
  const correlator = new Correlator(opts);
  const time = new TimeReader();
  const since = opts.since ?? -Infinity;
  const until = opts.until ?? Infinity;
  const feed = (parser: LineParser, line: string) => {
    const got = parser.parse(line);
    if (!got) {
      if (line.length > 0) stats.unrecognised++;
      return;
    }
    if (Array.isArray(got) && got.length === 0) return; // read, but nothing to follow (a header, an EXPAND)
    const first: LogEvent = Array.isArray(got) ? got[0]! : got;
    if (first.t < since || first.t > until) {
      stats.outside++;
      return;
    }
    stats.events++;
    if (Array.isArray(got)) for (const ev of got) correlator.handle(ev);
    else correlator.handle(got);
  };
  const inputs = orderInputs(paths);
  for (const [i, path] of inputs.entries()) {
    // Ctrl-C: the files not yet begun are not read either.
    if (i > 0 && opts.signal?.aborted) {
      stats.interrupted = true;
      break;
    }
    let parser: LineParser | undefined = opts.format === 'auto' ? undefined : makeParser(opts.format, time);
    const sample: string[] = [];
    const label = isStdin(path) ? '-' : path;
    if (parser) stats.formats[label] = parser.name;
    const decide = () => {
      const f = detectFormat(sample) ?? 'postfix';
      parser = makeParser(f, time);
      stats.formats[label] = f;
      for (const l of sample) feed(parser, l);
      sample.length = 0;
    };
    await readLines(
      path,
      (line) => {
        if (parser) feed(parser, line);
        else {
          sample.push(line);
          if (sample.length >= SAMPLE) decide();
        }
      },
      stats,
      undefined,
      opts.signal,
    );
    if (!parser) decide();
  }
  correlator.end();
  stats.evicted = correlator.evicted;
  return stats;
}
