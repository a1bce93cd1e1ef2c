import { execSync } from 'node:child_process';
import { loadConfig } from '../src/config.ts';
import { createSandbox } from '../src/docker/index.ts';
import { silentLogger } from '../src/log.ts';
const size = process.argv[2] ?? '4';
const cfg = loadConfig({ SANDBOX_POOL_SIZE: size }).sandbox;
const sb = createSandbox({ config: cfg, logger: silentLogger() });
const mem = () => {
  const pss = execSync(`for p in $(pgrep -f containerd-shim); do awk '/^Pss:/ {print $2}' /proc/$p/smaps_rollup; done | awk '{s+=$1} END {print s/1024}'`).toString().trim();
  const ctr = execSync(`docker stats --no-stream --format '{{.MemUsage}}' | awk '{print $1}' | sed 's/MiB//;s/KiB/\\/1024/' | awk '{ if ($0 ~ /\\//) { split($0,a,"/"); s+=a[1]/1024 } else s+=$1 } END {print s}'`).toString().trim();
  const n = execSync(`docker ps -q | wc -l`).toString().trim();
  return `${n} containers; shims PSS ${Number(pss).toFixed(1)} MiB; containers' own memory ${Number(ctr).toFixed(1)} MiB`;
};
console.log('before:', mem());
await sb.start(); await sb.poolReady();
console.log(`pool ${size}:`, mem());
await sb.shutdown();
