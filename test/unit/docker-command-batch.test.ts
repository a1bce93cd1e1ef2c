import { describe, expect, it } from 'vitest';
import { batchCommands, splitBatchOutput } from '../../src/docker/command-batch.ts';
import { IP_ADDR, IP_ROUTE } from '../../src/demos/fixed-commands.ts';

describe('batching fixed commands into one exec', () => {
  it('runs each command with its stderr folded in and its exit code marked', () => {
    const batch = batchCommands([IP_ADDR, IP_ROUTE]);
    expect(batch.label).toBe('ip addr && ip route');
    expect(batch.argv).toEqual(['sh', '-c', `'ip' 'addr' 2>&1; echo "__netlab_exit__ $?"\n'ip' 'route' 2>&1; echo "__netlab_exit__ $?"`]);
  });

  it('splits the output back per command, keeping empty outputs and exit codes', () => {
    const stdout = '1: lo: <LOOPBACK,UP>\n    inet 127.0.0.1/8 scope host lo\n__netlab_exit__ 0\n__netlab_exit__ 0\n';
    expect(splitBatchOutput(stdout, 2)).toEqual([
      { text: '1: lo: <LOOPBACK,UP>\n    inet 127.0.0.1/8 scope host lo\n', exitCode: 0 },
      { text: '', exitCode: 0 },
    ]);
  });

  it('reports commands cut off by the output cap as unfinished', () => {
    expect(splitBatchOutput('PING 10.99.0.1\n64 bytes', 2)).toEqual([
      { text: 'PING 10.99.0.1\n64 bytes', exitCode: null },
      { text: '', exitCode: null },
    ]);
  });
});
