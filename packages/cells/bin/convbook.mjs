#!/usr/bin/env node
// The headless runner's entry point: the package ships TypeScript sources, so register tsx and load them.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const exitCode = await main(process.argv.slice(2), {
  cwd: process.env.INIT_CWD ?? process.cwd(),
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = exitCode;
