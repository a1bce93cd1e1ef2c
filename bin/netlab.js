#!/usr/bin/env node
// Runs netlab from dist/netlab.mjs, compiled from the TypeScript sources on first use and again
// whenever they change (bin/build.js), so `npx netlab` works right after `npm install` with no
// build step. A `.env` file in the working directory is loaded first.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ensureBundle } from './build.js';

if (existsSync('.env')) process.loadEnvFile('.env');
const bundle = await ensureBundle();
process.setSourceMapsEnabled(true); // stack traces in logs point at the TypeScript sources
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
