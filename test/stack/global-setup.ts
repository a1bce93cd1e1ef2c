/**
 * Before the stack test: the stand-in base images, built from Debian packages on this machine
 * (no registry is reachable here; see test/stack/standins/build.sh for what stands in for what).
 * They are built once per run and removed at its end, so no run uses another run's images.
 * STACK_REUSE_STANDINS=1 (development only) keeps and reuses them between runs.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { STACK_PREFIX, STANDINS } from './names.ts';

const script = fileURLToPath(new URL('./standins/build.sh', import.meta.url));
const reuse = process.env['STACK_REUSE_STANDINS'] === '1';

function present(image: string): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', image], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export default function setup(): () => void {
  if (!(reuse && Object.values(STANDINS).every(present))) {
    execFileSync('bash', [script, 'build', STACK_PREFIX], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 });
  }
  return () => {
    if (!reuse) execFileSync('bash', [script, 'remove', STACK_PREFIX], { stdio: 'inherit' });
  };
}
