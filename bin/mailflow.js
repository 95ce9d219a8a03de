#!/usr/bin/env node
// Entry point. `--version` is answered here, before anything else loads, so that
// health checks that call it cost no more than Node's own start-up. Everything else
// runs from the esbuild bundle (one file to parse instead of yargs' hundred), or from
// tsc's output when no bundle was built.
import { existsSync, readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  const bundle = new URL('../dist/bundle/main.js', import.meta.url);
  const entry = existsSync(bundle) ? bundle.href : new URL('../dist/src/cli/main.js', import.meta.url).href;
  const { main } = await import(entry);
  await main(argv, version);
}
