#!/usr/bin/env node
// Entry point. `--version` is answered here, before anything else loads, so that
// health checks that call it cost no more than Node's own start-up.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { main } = await import('../dist/src/cli/main.js');
  await main(argv);
}
