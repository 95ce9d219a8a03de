// Normalises a MAILFLOW_JSON_LOG file (one {args, code, stdout} per line) for bench/json-compare.sh:
// ports and temporary paths from the arguments, timings, durations and random ids become
// placeholders, so two builds' output on the same tests compares byte for byte.
import { readFileSync } from 'node:fs';

const TIMING = /(^|_)(ms|elapsed|duration|seconds?|time|latency|rtt)$|Ms$|At$|^(date|t)$/i;
// The worktree the runs came from (argv[2]): its path is the same placeholder in every build.
const tree = process.argv[2];
const lines = readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const line of lines) {
  const run = JSON.parse(line);
  const ports = new Set();
  run.args.forEach((a, i) => {
    if (/^(--port|--ports|--mta-sts-port|--dns|--server|--control)$/.test(run.args[i - 1] ?? ''))
      for (const m of String(a).matchAll(/\d{4,5}/g)) ports.add(m[0]);
    // A target given as host:port (127.0.0.1:2525, [::1]:2525).
    for (const m of String(a).matchAll(/[\w\]]:(\d{4,5})\b/g)) ports.add(m[1]);
  });
  const scrub = (s) => {
    let t = (tree ? s.replaceAll(tree, '<tree>') : s)
      .replace(/\/tmp\/[^\s"',)]+/g, '<tmp>')
      // A CRAM-MD5 challenge (base64 of a random message id) differs each run.
      .replace(/\b334 [A-Za-z0-9+\/]{16,}={0,2}/g, '334 <challenge>')
      // Test certificates and keys are made afresh each run: their hashes, serials and dates differ.
      .replace(/\b[0-9a-f]{32,}\b/gi, '<hex>')
      .replace(/\b([0-9A-F]{2}:){7,}[0-9A-F]{2}\b/g, '<hex>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<date>')
      .replace(/[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d \d{4} GMT/g, '<date>')
      .replace(/<[0-9a-f.]+@[^>]*>/gi, '<msgid>')
      // Relay canaries and DSN envelope ids are random per run.
      .replace(/mailflow-[0-9a-f]{8,12}\b/g, 'mailflow-<random>')
      .replace(/\b[0-9A-F]{8,12}\b/g, '<qid>')
      .replace(/\d+(\.\d+)? ?(ms|s)\b/g, '<time>');
    for (const p of ports) t = t.replaceAll(p, '<port>');
    return t;
  };
  const walk = (v, k = '') => {
    if (typeof v === 'number' && TIMING.test(k)) return '<time>';
    if (typeof v === 'number' && ports.has(String(v))) return '<port>';
    if (typeof v === 'string' && k === 'messageId') return '<msgid>';
    // A test certificate's serial is random (made afresh each run).
    if (typeof v === 'string' && k === 'serialNumber') return '<serial>';
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, k));
    if (v && typeof v === 'object') {
      const o = {};
      for (const [kk, vv] of Object.entries(v)) o[scrub(kk)] = walk(vv, kk);
      if (
        typeof o.name === 'string' &&
        (/duration|time|days|seconds/i.test(o.name) || /^(ms|s|days)$/.test(String(o.unit)))
      )
        o.value = '<time>';
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
