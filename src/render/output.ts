// Where results go: streams JSON lines / human tables as results arrive; Nagios and
// Prometheus need the whole set, so they are written once at the end.
import { exitCodeFor, type Result, worstSeverity } from '../findings/model.js';
import type { renderHuman } from './human.js';
import { renderJson, renderNagios, renderPrometheus } from './machine.js';
import { detectStyle } from './style.js';

export const FORMATS = ['human', 'json', 'nagios', 'prometheus'] as const;
export type Format = (typeof FORMATS)[number];

export class Output {
  private readonly results: Result[] = [];
  private readonly style = detectStyle(process.stdout);
  private exit: 0 | 1 | 2 | 3 = 0;

  private constructor(
    readonly format: Format,
    private readonly write: (text: string) => void,
    private readonly human: typeof renderHuman | undefined,
  ) {}

  /** The human renderer (and cli-table3 with it) is loaded only when a person will read the output. */
  static async create(
    format: Format,
    write: (text: string) => void = (t) => process.stdout.write(t),
  ): Promise<Output> {
    const human = format === 'human' ? (await import('./human.js')).renderHuman : undefined;
    return new Output(format, write, human);
  }

  add(result: Result): void {
    const code = exitCodeFor(worstSeverity(result.findings));
    if (code > this.exit) this.exit = code;
    if (this.format === 'json') this.write(renderJson(result));
    else if (this.human) this.write(this.human(result, this.style));
    else this.results.push(result);
  }

  /** Flush what needs the whole set and return the process exit code (the worst of all results). */
  finish(): 0 | 1 | 2 | 3 {
    if (this.format === 'nagios') this.write(renderNagios(this.results));
    if (this.format === 'prometheus') this.write(renderPrometheus(this.results));
    return this.exit;
  }
}
