// Normalises a MAILFLOW_JSON_LOG file (one {args, code, stdout} per line) for bench/json-compare.sh:
// ports and temporary paths from the arguments, timings, durations and random ids become
// placeholders, so two builds' output on the same tests compares byte for byte.
import { readFileSync } from 'node:fs';

const TIMING =
  /(^|_)(ms|elapsed|duration|seconds?|time|latency|rtt|connectMs|greetingMs|totalMs)$|Ms$|At$|^date$/i;
const lines = readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const line of lines) {
  const run = JSON.parse(line);
  const ports = new Set();
  run.args.forEach((a, i) => {
    if (/^(--port|--mta-sts-port|--dns|--server|--control)$/.test(run.args[i - 1] ?? '')) {
      for (const m of String(a).matchAll(/\d{4,5}/g)) ports.add(m[0]);
    }
  });
  const scrub = (s) => {
    let t = s
      .replace(/\/tmp\/[^\s"',)]+/g, '<tmp>')
      .replace(/<[0-9a-f.]+@[^>]*>/gi, '<msgid>')
      .replace(/\b[0-9A-F]{8,12}\b/g, '<qid>')
      .replace(/\d+(\.\d+)? ?(ms|s)\b/g, '<time>');
    for (const p of ports) t = t.replaceAll(p, '<port>');
    return t;
  };
  const walk = (v, k = '') => {
    if (typeof v === 'number' && TIMING.test(k)) return '<time>';
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, k));
    if (v && typeof v === 'object') {
      const o = {};
      for (const [kk, vv] of Object.entries(v)) o[kk] = walk(vv, kk);
      if (typeof o.name === 'string' && /duration|time|ms|days|seconds/i.test(o.name)) o.value = '<time>';
      return o;
    }
    return v;
  };
  const out = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      try {
        return JSON.stringify(walk(JSON.parse(l)));
      } catch {
        return scrub(l);
      }
    });
  console.log(JSON.stringify({ args: run.args.map(scrub), code: run.code }));
  for (const o of out) console.log(o);
}
