// Dumps, for every file of the labelled bounce corpus, each decoded recipient's category, status
// and reply code as JSON, so that a change to the classifier can be compared file by file.
// Usage: node dist/bench/ndr-categories.js [corpus-dir] > before.json; diff it with a later run.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBounce } from '../src/ndr/decode.js';
import { explain } from '../src/ndr/explain.js';
import { defaultCorpus } from './ndr-score.js';

export function dumpCategories(dir: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const emails = join(dir, 'emails');
  for (const file of readdirSync(emails).sort()) {
    out[file] = decodeBounce(readFileSync(join(emails, file))).recipients.map((r) => {
      const e = explain({
        status: r.status ?? undefined,
        replyCode: r.replyCode ?? undefined,
        diagnostic: r.diagnostic ?? undefined,
        remoteMta: r.remoteMta ?? undefined,
        recipient: r.recipient ?? undefined,
        action: r.action ?? undefined,
      });
      return { category: e.category, status: r.status, reply: r.replyCode, summary: e.summary };
    });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? defaultCorpus();
  console.log(JSON.stringify(dumpCategories(dir), null, 1));
}
