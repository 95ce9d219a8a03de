// `mailflow check` for one domain: the MX answer first, then every selected group of the registry
// (src/checks/registry.ts) — each judged as soon as the facts it requires are gathered, each fact
// gathered once however many groups need it. A domain that does not exist stops after the MX
// question; a group that could test nothing is unknown; the whole check ends at its --deadline
// with what it has. No group is known here by name.
import type { Finding, Metric, Result } from '../../findings/model.js';
import type { AnyCheckGroup, FactKey, Facts, GatherContext, GroupOutput, JudgeContext } from '../group.js';
import { GROUPS, type Group } from '../groups.js';
import { REGISTRY } from '../registry.js';
import { txtLookupFrom } from '../shared/txt-lookup.js';
import { reachableHosts } from '../smtp/gather.js';
import type { Env } from './env.js';
import { deadlineHit, notTested } from './not-tested.js';
import { summaryTable, verdictOf } from './verdict.js';

/** What a check has so far; the deadline reports whatever is here. */
interface State {
  outputs: Map<Group, GroupOutput>;
  /** Facts gathered so far. */
  facts: Partial<Facts>;
  /** Groups asked for but deliberately not run, with the reason. */
  skipped: Map<Group, string>;
  /** Groups judged on part of their facts, the rest still being gathered (smtp: probed, EHLO pending). */
  partial: Set<Group>;
}

/** Gathers each fact at most once, and only the ones `need`ed by the groups that run. */
class FactStore {
  private readonly started = new Map<FactKey, Promise<unknown>>();
  private readonly needed = new Set<FactKey>(['mx']);
  private readonly ctx: GatherContext;

  constructor(
    domain: string,
    env: Env,
    private readonly done: Partial<Facts>,
  ) {
    this.ctx = { domain, env, txt: txtLookupFrom(env.resolver), fact: (k) => this.get(k) };
  }

  need(keys: readonly FactKey[]): void {
    for (const k of keys) this.needed.add(k);
  }

  get<K extends FactKey>(key: K): Promise<Facts[K]> | undefined {
    if (!this.needed.has(key)) return undefined;
    let p = this.started.get(key) as Promise<Facts[K]> | undefined;
    if (!p) {
      p = this.gather(key);
      // Awaited by the groups that need it; this keeps an early rejection from counting as unhandled.
      p.catch(() => {});
      this.started.set(key, p);
    }
    return p;
  }

  private async gather<K extends FactKey>(key: K): Promise<Facts[K]> {
    const gatherer = REGISTRY.map((g) => g.gather[key]).find((x) => x !== undefined);
    if (!gatherer) throw new Error(`no check group gathers the ${key} fact`);
    await Promise.all((gatherer.after ?? []).map((k) => this.get(k)));
    const value = (await gatherer.run(this.ctx)) as Facts[K];
    this.done[key] = value;
    return value;
  }
}

export async function checkDomain(domain: string, env: Env): Promise<Result> {
  const started = performance.now();
  const st: State = { outputs: new Map(), facts: {}, skipped: new Map(), partial: new Set() };
  const seconds = env.deadlineSeconds;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), seconds * 1000);
  });
  const work = runGroups(domain, env, st);
  // Awaited in the race below, or abandoned at the deadline: either way not "unhandled".
  work.catch(() => {});
  const how = await Promise.race([work.then(() => 'done' as const), deadline]);
  clearTimeout(timer);
  return finish(domain, env, how === 'deadline' ? snapshot(st) : st, how === 'deadline', started);
}

/** A copy the abandoned work can no longer change. */
function snapshot(st: State): State {
  return {
    outputs: new Map(st.outputs),
    facts: { ...st.facts },
    skipped: new Map(st.skipped),
    partial: new Set(st.partial),
  };
}

/** The groups that run: the selected ones, unless the domain does not exist (NXDOMAIN). */
function groupsToRun(env: Env, nxdomain: boolean, st: State): AnyCheckGroup[] {
  return REGISTRY.filter((g) => {
    if (!nxdomain) return env.groups.has(g.id);
    // Nothing about the servers or records of a domain that does not exist can be true or false.
    if (g.onNxdomain === 'judge') return true;
    if (g.onNxdomain === 'when-named' && env.onlyGroups && env.groups.has(g.id)) return true;
    if (env.groups.has(g.id)) st.skipped.set(g.id, 'the domain does not exist (NXDOMAIN)');
    return false;
  });
}

async function runGroups(domain: string, env: Env, st: State): Promise<void> {
  const store = new FactStore(domain, env, st.facts);
  const mx = await store.get('mx')!;
  const ctx: JudgeContext = { domain, env, selected: env.groups, mx };
  const groups = groupsToRun(env, mx.report.lookup.outcome === 'nxdomain', st);
  for (const g of groups) store.need([...g.requires, ...(g.optional ?? [])]);
  const collect = async (keys: readonly FactKey[]) =>
    Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await store.get(k)] as const)));
  await Promise.all(
    groups.map(async (g) => {
      const facts = await collect(g.requires);
      if (g.optional?.length) {
        // A partial result keeps its findings and data; its tables wait for the whole.
        const { tables: _later, ...part } = g.judge(facts, ctx);
        st.outputs.set(g.id, part);
        st.partial.add(g.id);
        Object.assign(facts, await collect(g.optional));
        st.partial.delete(g.id);
      }
      st.outputs.set(g.id, g.judge(facts, ctx));
    }),
  );
}

/** Every group asked for ends with findings: unfinished at the deadline, or nothing tested. */
function findingsByGroup(domain: string, env: Env, st: State, timedOut: boolean): Map<Group, Finding[]> {
  const byGroup = new Map<Group, Finding[]>();
  for (const x of GROUPS) {
    const fs = st.outputs.get(x)?.findings;
    if (!env.groups.has(x) || st.skipped.has(x)) {
      if (fs) byGroup.set(x, fs);
    } else if (timedOut && st.partial.has(x))
      byGroup.set(x, [...(fs ?? []), deadlineHit(x, domain, env.deadlineSeconds)]);
    else if (!fs && timedOut) byGroup.set(x, [deadlineHit(x, domain, env.deadlineSeconds)]);
    else if (!fs || fs.length === 0)
      byGroup.set(x, [
        notTested(x, {
          title: `${x}: nothing was tested`,
          detail: `The ${x} group produced no result for ${domain}.`,
          fix: 'Run the check again with -v, or this group alone with --only.',
        }),
      ]);
    else byGroup.set(x, fs);
  }
  return byGroup;
}

function finish(domain: string, env: Env, st: State, timedOut: boolean, started: number): Result {
  const g = env.groups;
  const byGroup = findingsByGroup(domain, env, st, timedOut);
  const findings = [...byGroup].flatMap(([group, fs]) => fs.map((f) => ({ ...f, group })));
  const verdict = verdictOf(
    domain,
    byGroup,
    g.has('smtp') && byGroup.get('smtp')?.[0]?.id !== 'check.deadline'
      ? { reachable: reachableHosts(st.facts.probe).size, total: st.facts.mx?.exchangers.length ?? 0 }
      : undefined,
  );
  const outputs = REGISTRY.flatMap((x) => st.outputs.get(x.id) ?? []);
  const data = {
    domain,
    groups: [...g],
    ...Object.assign({}, ...outputs.map((o) => o.data ?? {})),
    verdict,
    ...(st.skipped.size ? { skipped: Object.fromEntries(st.skipped) } : {}),
  };
  const ctx = { domain, env, selected: g };
  const metrics: Metric[] = [
    ...REGISTRY.filter((x) => g.has(x.id)).flatMap((x) => x.metrics?.(st.facts, ctx) ?? []),
    {
      name: 'check_duration',
      value: Math.round(performance.now() - started) / 1000,
      unit: 's',
      help: 'Time the whole check took',
    },
  ];
  return {
    command: 'check',
    target: domain,
    findings,
    data,
    metrics,
    tables: [summaryTable(byGroup, verdict.text, st.skipped), ...outputs.flatMap((o) => o.tables ?? [])],
  };
}
