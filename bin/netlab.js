#!/usr/bin/env node
// Runs netlab from dist/netlab.mjs, built at install and again whenever the sources change
// (bin/build.js), so `npx netlab` works right after `npm install` with no build step. A `.env`
// file in the working directory is loaded first.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ensureBundle } from './build.js';

if (existsSync('.env')) process.loadEnvFile('.env');
const bundle = await ensureBundle();
process.setSourceMapsEnabled(true); // stack traces in logs point at the TypeScript sources
const { main } = await import(pathToFileURL(bundle).href);
const code = await main(process.argv.slice(2));
process.exitCode = code;
// netlab has shut down: a keep-alive socket or a library's timer must not keep the process
// alive after it (an unref'd timer fires only if something else still holds the event loop).
setTimeout(() => process.exit(code), 1_000).unref();
