// The picture of a shared run is drawn once, however many members got that run.
import { describe, expect, it } from 'vitest';
import type { DemoResult } from '../../src/docker/result.ts';
import { pictureOfRun, RUN_PICTURES_KEPT } from '../../src/demos/topology/run-picture.ts';

const report = (runId: string, sharedWith?: number): DemoResult => ({
  scenario: 'none',
  runId,
  containers: [{ name: 'demo-none', role: 'none', networkMode: 'none', outputs: { 'ip addr': '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n    inet 127.0.0.1/8 scope host lo\n' } }],
  checks: {},
  timingsMs: { queue: 0, create: 1, run: 1, total: 2 },
  truncated: false,
  warmContainers: 1,
  ...(sharedWith ? { sharedWith } : {}),
});

describe('the picture of a run', () => {
  it('is drawn once for every member of a shared run, and anew for another run', async () => {
    const first = pictureOfRun(report('aaaaaaaaaa', 2), { redact: true });
    const again = pictureOfRun(report('aaaaaaaaaa', 2), { redact: true });
    const other = pictureOfRun(report('bbbbbbbbbb'), { redact: true });
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect((await first).ascii).toContain('lo');
  });

  it('keeps only the last few runs', () => {
    const oldest = pictureOfRun(report('cccccccccc'), { redact: true });
    for (let i = 0; i < RUN_PICTURES_KEPT; i++) void pictureOfRun(report(`d${String(i).padStart(9, '0')}`), { redact: true });
    expect(pictureOfRun(report('cccccccccc'), { redact: true })).not.toBe(oldest);
  });
});
