// The smtp group of `mailflow check` (book ch. 5/7): can each exchanger be reached on port 25,
// does it greet, which EHLO verbs does it offer. One group (one --only choice) composing the
// probe/ and ehlo/ checks of `mailflow probe` and `mailflow ehlo`, whose finding ids it reports
// (probe.*, ehlo.*, smtp.slow, check.no-exchangers, check.port25-*).
import type { CheckGroup } from '../group.js';
import { groupMeta } from '../groups.js';
import { exchangerMetrics } from '../tls/report.js';
import { gatherEhlo, gatherProbe } from './gather.js';
import { judge } from './judge.js';

export const smtpGroup: CheckGroup<'probe', 'ehlo'> = {
  ...groupMeta('smtp'),
  requires: ['probe'],
  // A --deadline during EHLO keeps the probe's findings.
  optional: ['ehlo'],
  gather: {
    probe: { run: gatherProbe },
    ehlo: { after: ['probe'], run: gatherEhlo },
  },
  judge,
  metrics: (f, ctx) =>
    exchangerMetrics(f.probe?.records ?? [], ctx.env.thresholds, f.mx?.exchangers.length ?? 0),
};
