/**
 * The doctor against the real daemon: every corpus file is handed to a throwaway dockerd (see
 * throwaway-dockerd.ts for how it is kept away from the host's engine), and the doctor's verdict
 * for that dockerd's version must say "starts" exactly when dockerd started. When dockerd refuses,
 * it must print the doctor's first error word for word. Two files at a time (two cores).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDaemonJson } from '../../src/doctor/index.ts';
import { loadCorpus, type CorpusFile } from '../fixtures/daemon-json/corpus.ts';
import { dockerdVersion, mapLimited, runThrowawayDockerd, type DockerdRun } from './throwaway-dockerd.ts';

const CONCURRENCY = 2;
const corpus = loadCorpus();
const runs = new Map<string, DockerdRun>();
let wallMs = 0;

/** The host engine's docker0 and its answer to `docker info`: must be the same after the runs. */
function hostEngine(): { docker0: string; serverVersion: string } {
  const link = execFileSync('ip', ['-o', 'link', 'show', 'docker0'], { encoding: 'utf8' });
  const addr = execFileSync('ip', ['-o', '-4', 'addr', 'show', 'docker0'], { encoding: 'utf8' });
  const index = link.split(':')[0] ?? '';
  const inet = /inet (\S+)/.exec(addr)?.[1] ?? '';
  const serverVersion = execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' }).trim();
  return { docker0: `${index} docker0 ${inet}`, serverVersion };
}

/** dockerd lists unknown keys in Go map order: compare that message as a set of names. */
function saysTheSame(dockerdError: string, words: string): boolean {
  const list = "the following directives don't match any configuration option: ";
  if (!words.startsWith(list)) return dockerdError.includes(words);
  const names = (s: string) => s.slice(s.indexOf(list) + list.length).split(', ').sort().join(', ');
  return dockerdError.includes(list) && names(dockerdError) === names(words);
}

const doctorSays = (file: CorpusFile) => checkDaemonJson(file.text, { engine: '20.10' });

describe('the daemon.json doctor agrees with a real dockerd', () => {
  let before: ReturnType<typeof hostEngine>;

  beforeAll(async () => {
    expect(dockerdVersion()).toMatch(/^Docker version 20\.10\./);
    before = hostEngine();
    const started = performance.now();
    const results = await mapLimited(corpus, CONCURRENCY, (file) => runThrowawayDockerd(file.path));
    wallMs = performance.now() - started;
    corpus.forEach((file, i) => runs.set(file.name, results[i] as DockerdRun));
  }, 300_000);

  afterAll(() => {
    const agree = corpus.filter((f) => !f.expected.flagConflict && (runs.get(f.name)?.outcome === 'starts') === (doctorSays(f).verdict !== 'will-not-start'));
    const measured = corpus.filter((f) => !f.expected.flagConflict).length;
    console.log(`daemon.json corpus: ${corpus.length} files; doctor agrees with dockerd 20.10 on ${agree.length}/${measured} (plus ${corpus.length - measured} flag-conflict file); wall time ${(wallMs / 1000).toFixed(1)} s`);
  });

  it('leaves the host engine as it was: same docker0, engine still answering', () => {
    expect(hostEngine()).toEqual(before);
  });

  it.each(corpus.filter((f) => !f.expected.flagConflict).map((f) => [f.name, f] as const))('%s: starts exactly when the doctor says so', (_name, file) => {
    const run = runs.get(file.name) as DockerdRun;
    const verdict = doctorSays(file).verdict;
    expect(verdict === 'will-not-start' ? 'will-not-start' : 'starts', `dockerd said: ${run.error}`).toBe(run.outcome);
    expect(verdict).toBe(file.expected['verdict-20.10']);
  });

  it.each(corpus.filter((f) => !f.expected.flagConflict && f.expected['verdict-20.10'] === 'will-not-start').map((f) => [f.name, f] as const))(
    '%s: dockerd prints the doctor’s first error',
    (_name, file) => {
      const run = runs.get(file.name) as DockerdRun;
      const first = doctorSays(file).detail.notes.find((n) => n.severity === 'error');
      expect(first?.dockerd, 'the first error carries dockerd’s words').toBeDefined();
      expect(saysTheSame(run.error, first?.dockerd ?? ''), `dockerd: ${run.error}\ndoctor: ${first?.dockerd}`).toBe(true);
    },
  );

  it.each(corpus.filter((f) => f.expected.flagConflict).map((f) => [f.name, f] as const))(
    '%s: refused because the key is also a flag, as the doctor warns',
    (_name, file) => {
      const run = runs.get(file.name) as DockerdRun;
      const key = file.expected.flagConflict as string;
      expect(run.outcome).toBe('will-not-start');
      expect(run.error).toContain(`the following directives are specified both as a flag and in the configuration file: ${key}:`);
      expect(doctorSays(file).problems).toContainEqual(expect.objectContaining({ key, severity: 'warning' }));
    },
  );
});
