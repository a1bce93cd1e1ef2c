/**
 * Before any test: a Docker Engine must answer and the demo image must exist. On a fresh
 * machine this installs and starts the engine (scripts/start-dockerd.sh) and builds the image
 * (scripts/build-demo-image.sh), so `npm test` alone runs the whole suite. If the engine cannot
 * come up, the run fails: integration and end-to-end tests are never skipped.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

function run(script: string): void {
  try {
    execFileSync('bash', [script], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000 });
  } catch (error) {
    throw new Error(`${script} failed: the tests need a running Docker Engine and the demo image (${(error as Error).message})`, { cause: error });
  }
}

export default function setup(): void {
  run('scripts/start-dockerd.sh');
  run('scripts/build-demo-image.sh');
}
