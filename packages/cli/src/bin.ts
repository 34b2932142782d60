#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { runCli } from './program.js';

// The package's own manifest, beside src/ and dist/ alike; read here, in the ESM-only command, since
// the library's CommonJS build has no import.meta.url.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

process.exitCode = await runCli(process.argv.slice(2), { version });
