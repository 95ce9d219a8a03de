// The contract every check group of `mailflow check` fulfils (Lighthouse's audits are the model:
// meta + the artifacts it needs + a pure judgement). A group declares the facts it `requires`,
// the gatherers of the facts it owns (`gather`: I/O only) and `judge` (pure: facts → findings,
// tables, data). src/checks/inbound/domain.ts gathers what the selected groups need, each fact
// once, and loops over src/checks/registry.ts; it knows no group by name.
import type { DataTable, Finding, Metric } from '../findings/model.js';
import type { BlocklistFacts } from './blocklist/session.js';
import type { TlsaAnswer } from './dane/index.js';
import type { DmarcData } from './dmarc/gather.js';
import type { EhloReport } from './ehlo/index.js';
import type { Group } from './groups.js';
import type { Env, Exchanger } from './inbound/env.js';
import type { MtaStsFacts } from './mta-sts/gather.js';
import type { MxReport } from './mx/gather.js';
import type { ProbeRecord } from './probe/index.js';
import type { RelayFacts } from './relay/session.js';
import type { TxtLookup } from './shared/txt-lookup.js';
import type { ControlResult } from './smtp/blocked.js';
import type { SpfWalk } from './spf/gather.js';
import type { TlsGathered } from './tls/gather.js';
import type { TlsRptFacts } from './tls-rpt/gather.js';

/** The MX answer and what every exchanger-level group derives from it. */
export interface MxFacts {
  report: MxReport;
  /** Exchangers with at least one address (none for a null MX). */
  exchangers: Exchanger[];
  /** The MX host names (none for an implicit MX), for MTA-STS's mx: patterns. */
  mxHosts: string[];
  /** Why there is nothing to connect to, when there is not (a sentence fragment). */
  noTarget: string;
}

/** Everything a group can ask for; each key is gathered at most once per domain. */
export interface Facts {
  mx: MxFacts;
  /** Port 25 on every exchanger address, plus the --control probe when all timed out; undefined with no exchanger. */
  probe: { records: ProbeRecord[]; control?: ControlResult } | undefined;
  /** EHLO on the exchangers that greeted; undefined when none did. */
  ehlo: EhloReport[] | undefined;
  /** One STARTTLS session per exchanger to test. */
  starttls: TlsGathered[];
  /** TLSA answers, one per exchanger (same order as MxFacts.exchangers). */
  tlsa: TlsaAnswer[];
  /** The _mta-sts TXT answer and the policy fetch (judged by mta-sts/judge.ts). */
  'mta-sts': MtaStsFacts;
  /** The _smtp._tls TXT answer. */
  'tls-rpt': TlsRptFacts;
  spf: SpfWalk;
  dmarc: DmarcData;
  /** The open-relay test's sessions against the best exchanger (only with --relay-test). */
  relay: RelayFacts;
  /** The exchanger addresses and the domain against the default DNS blocklists. */
  blocklist: BlocklistFacts;
}
export type FactKey = keyof Facts;

/** What a gatherer gets: the domain, the run's options and the other facts it may wait for. */
export interface GatherContext {
  domain: string;
  env: Env;
  /** The TXT view of env.resolver, shared by the record checks. */
  txt: TxtLookup;
  /** Another fact, when the selected groups need it (undefined when not: never gathered for nothing). */
  fact<K extends FactKey>(key: K): Promise<Facts[K]> | undefined;
}

export interface Gatherer<K extends FactKey> {
  /** Facts that must be complete first, when they are gathered at all (relay waits for every other session). */
  after?: readonly FactKey[];
  run(ctx: GatherContext): Promise<Facts[K]>;
}

export type Gatherers = { [K in FactKey]?: Gatherer<K> };

/** What a judgement may read besides the facts: options and which groups were selected. Never I/O. */
export interface JudgeContext {
  domain: string;
  env: Pick<Env, 'port' | 'family' | 'thresholds' | 'thresholdsExplicit' | 'timeoutSeconds' | 'transcript'>;
  selected: ReadonlySet<Group>;
  mx: MxFacts;
}

export interface GroupOutput {
  findings: Finding[];
  /** Its human tables, each with its id (code picks a table by id, never by title). */
  tables?: DataTable[];
  /** The group's part of `check --json`'s data (keys in the order they print). */
  data?: Record<string, unknown>;
}

export interface CheckGroup<R extends FactKey = FactKey, O extends FactKey = never> {
  id: Group;
  title: string;
  help: string;
  requires: readonly R[];
  /**
   * Facts judged when they arrive: the group is judged as soon as `requires` is complete (a partial
   * result, kept when the --deadline ends the check) and again with these.
   */
  optional?: readonly O[];
  /** The gatherers of the facts this group owns (other groups may require them too). */
  gather: Gatherers;
  judge(facts: Pick<Facts, R> & Partial<Pick<Facts, O>>, ctx: JudgeContext): GroupOutput;
  /** Metrics from whatever facts are complete (also at the deadline). */
  metrics?(facts: Partial<Facts>, ctx: Omit<JudgeContext, 'mx'>): Metric[];
  /**
   * For a domain that does not exist (NXDOMAIN): 'judge' still judges it, 'when-named' only when
   * named with --only; otherwise it is NOT RUN.
   */
  onNxdomain?: 'judge' | 'when-named';
}

/** A group of any shape, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: the registry is heterogeneous; each group is typed where declared.
export type AnyCheckGroup = CheckGroup<any, any>;
