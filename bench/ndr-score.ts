// Scores the bounce decoder against the labelled corpus: for each file whose first label has a
// real status (not Sisimai's internal x.0.9xx pseudo codes), does the first decoded recipient's
// status and reply code equal the label? Usage: node dist/bench/ndr-score.js [corpus-dir] [-v]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBounce } from '../src/ndr/decode.js';

export interface Score {
  total: number;
  statusOk: number;
  replyOk: number;
  misses: { file: string; want: string; got: string }[];
}

// The corpus is vendored under test/fixtures/ndr (BSD-2-Clause, Sisimai's public set), so the
// score runs on every clone; MAILFLOW_NDR_CORPUS points at another labelled set.
export function defaultCorpus(): string {
  return (
    process.env.MAILFLOW_NDR_CORPUS ??
    resolve(fileURLToPath(new URL('../../', import.meta.url)), 'test/fixtures/ndr')
  );
}

export function scoreCorpus(dir: string): Score {
  const labels = readFileSync(join(dir, 'labels.tsv'), 'utf8').split('\n').slice(1);
  const score: Score = { total: 0, statusOk: 0, replyOk: 0, misses: [] };
  for (const line of labels) {
    const [file, index, status, reply] = line.split('\t');
    if (!file || index !== '1' || !status || /^\d\.0\.9\d\d$/.test(status)) continue;
    score.total++;
    const r = decodeBounce(readFileSync(join(dir, 'emails', file))).recipients[0];
    const gotStatus = r?.status ?? '';
    const gotReply = r?.replyCode ? String(r.replyCode) : '';
    if (gotStatus === status) score.statusOk++;
    if (gotReply === (reply ?? '')) score.replyOk++;
    if (gotStatus !== status || gotReply !== (reply ?? '')) {
      score.misses.push({
        file,
        want: `${status} ${reply || '-'}`,
        got: `${gotStatus || '-'} ${gotReply || '-'}`,
      });
    }
  }
  return score;
}

const pct = (n: number, d: number) => (d ? ((100 * n) / d).toFixed(1) : '0.0');

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('-')) ?? defaultCorpus();
  if (!existsSync(join(dir, 'labels.tsv'))) {
    console.error(
      `ndr-score: no labels.tsv in ${dir} (pass the corpus directory or set MAILFLOW_NDR_CORPUS)`,
    );
    process.exit(3);
  }
  const s = scoreCorpus(dir);
  if (args.includes('-v'))
    for (const m of s.misses) console.log(`miss  ${m.file}  want ${m.want}  got ${m.got}`);
  console.log(`files scored: ${s.total}`);
  console.log(`status match: ${s.statusOk}/${s.total} = ${pct(s.statusOk, s.total)}%`);
  console.log(`reply  match: ${s.replyOk}/${s.total} = ${pct(s.replyOk, s.total)}%`);
}
