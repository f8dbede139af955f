#!/usr/bin/env node
// Packages are TypeScript source (DESIGN §3): register tsx, then run the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
