#!/usr/bin/env node
// Entry point. `--version` is answered here, before anything else loads, so that
// health checks that call it cost no more than Node's own start-up. Everything else
// runs from the esbuild bundle (one file to parse instead of yargs' hundred), or from
// tsc's output when that is newer (a developer who only ran tsc).
import { readFileSync, statSync } from 'node:fs';

const argv = process.argv.slice(2);
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

function mtime(url) {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -1;
  }
}

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  const bundle = new URL('../dist/bundle/main.js', import.meta.url);
  const plain = new URL('../dist/src/cli/main.js', import.meta.url);
  const entry = mtime(bundle) >= mtime(plain) ? bundle : plain;
  const { main } = await import(entry.href);
  await main(argv, version);
}
