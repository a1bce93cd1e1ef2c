#!/usr/bin/env -S node --max-semi-space-size=4
// Runs netlab from dist/netlab.mjs, built at install and again whenever the sources change
// (bin/build.js), so `npx netlab` works right after `npm install` with no build step. A `.env`
// file in the working directory is loaded first.
//
// --max-semi-space-size=4 (MiB; Node 20's default grows to 16): V8's young generation otherwise
// grows to 32 MiB under a stream of demos and the bot's RSS passes 200 MB. Measured with the
// bench's steady streams: peak RSS 209 → 166 MiB at 2 demos/s and 227 → 180 MiB at 3/s. Its
// cost, more frequent young-generation GCs, did not stand out of this 2-core machine's noise
// (2/s p50 81–276 ms with it in four runs, 84–173 ms without in six). It must be given at
// launch (v8.setFlagsFromString has no effect on it then), so `npm start` and the image's CMD
// pass the same flag (test/unit/launch-flags.test.ts). `env -S` needs coreutils 8.30+, BSD or
// macOS; where `env` lacks it (BusyBox), run `node bin/netlab.js`.
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
