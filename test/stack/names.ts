/**
 * Names of everything the stack test creates on the shared engine, from one prefix so that it
 * can be told apart and removed: STACK_TEST_PREFIX (default netlab-stacktest) and the run's pid.
 */
export const STACK_PREFIX = process.env['STACK_TEST_PREFIX'] ?? 'netlab-stacktest';

/** The stand-in images (test/stack/standins/build.sh), one set per test run. */
export const STANDINS = {
  node: `${STACK_PREFIX}-node:standin`,
  dind: `${STACK_PREFIX}-dind:standin`,
  busybox: `${STACK_PREFIX}-busybox:standin`,
} as const;
