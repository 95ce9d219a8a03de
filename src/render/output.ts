// Where results go: streams JSON lines / human tables as results arrive; Nagios and
// Prometheus need the whole set, so they are written once at the end.
import { exitCodeFor, type Result, type Severity, severityRank, worstSeverity } from '../findings/model.js';
import type { renderHuman } from './human.js';
import { renderJson, renderNagios, renderPrometheus } from './machine.js';
import { detectStyle } from './style.js';

export const FORMATS = ['human', 'json', 'nagios', 'prometheus'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Batches writes: results that arrive together (a thousand `mx` answers within milliseconds) go
 * out as one write instead of a system call each. A batch is written when the event loop is
 * free, or as soon as it holds `maxBytes` or is `maxDelayMs` old, so a run that never yields
 * (decoding many files in a row) still streams, and memory stays bounded.
 */
export function batchedWriter(
  sink: (text: string) => void,
  limits: { maxBytes: number; maxDelayMs: number; now?: () => number } = {
    maxBytes: 64 * 1024,
    maxDelayMs: 50,
  },
): { write: (text: string) => void; flush: () => void } {
  const now = limits.now ?? Date.now;
  let pending: string[] = [];
  let bytes = 0;
  let since = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    bytes = 0;
    sink(text);
  };
  return {
    write(text) {
      if (pending.length === 0) since = now();
      pending.push(text);
      bytes += text.length;
      if (bytes >= limits.maxBytes || now() - since >= limits.maxDelayMs) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

export class Output {
  private readonly results: Result[] = [];
  private readonly style = detectStyle(process.stdout);
  /** The worst severity so far, by rank (ok < info < warn < unknown < fail), not by exit code number. */
  private worst: Severity = 'ok';

  /** The exit code the results so far call for. */
  get code(): 0 | 1 | 2 | 3 {
    return exitCodeFor(this.worst);
  }

  private constructor(
    readonly format: Format,
    private readonly write: (text: string) => void,
    /** Writes out what is batched; finish() does it too. */
    readonly flush: () => void,
    private readonly human: typeof renderHuman | undefined,
  ) {}

  /**
   * The human renderer (and cli-table3 with it) is loaded only when a person will read the output.
   * `write` replaces stdout (tests).
   */
  static async create(format: Format, write?: (text: string) => void): Promise<Output> {
    const human = format === 'human' ? (await import('./human.js')).renderHuman : undefined;
    const sink = write ? { write, flush: () => {} } : batchedWriter((t) => process.stdout.write(t));
    return new Output(format, sink.write, sink.flush, human);
  }

  add(result: Result): void {
    const w = worstSeverity(result.findings);
    if (severityRank(w) > severityRank(this.worst)) this.worst = w;
    if (this.format === 'json') this.write(renderJson(result));
    else if (this.human) this.write(this.human(result, this.style));
    else this.results.push(result);
  }

  /** Flush what needs the whole set and return the process exit code (the worst of all results). */
  finish(): 0 | 1 | 2 | 3 {
    if (this.format === 'nagios') this.write(renderNagios(this.results));
    if (this.format === 'prometheus') this.write(renderPrometheus(this.results));
    this.flush();
    return this.code;
  }
}
