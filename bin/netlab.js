#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx netlab` works right after
// `npm install` with no build step. A `.env` file in the working directory is loaded first.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

if (existsSync('.env')) process.loadEnvFile('.env');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
