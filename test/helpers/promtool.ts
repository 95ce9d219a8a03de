// promtool (Debian's `prometheus` package) as the judge of Prometheus text: what node_exporter's
// textfile collector accepts is what `promtool check metrics` accepts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { skipUnlessPresent } from './require-servers.js';

export const PROMTOOL = '/usr/bin/promtool';

/** A skip reason when promtool is missing (a failure under MAILFLOW_REQUIRE_SERVERS). */
export function skipPromtool(): string | false {
  return skipUnlessPresent(
    existsSync(PROMTOOL) ? null : `promtool not found at ${PROMTOOL} (apt-get install prometheus)`,
  );
}

/** Fails the test with promtool's complaints unless it accepts `text` without a lint warning. */
export function assertPromtoolAccepts(text: string): void {
  if (!existsSync(PROMTOOL)) return;
  const run = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}\n${text}`);
}
