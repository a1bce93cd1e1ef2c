import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleBlocks, shellContinues } from '../../src/content/console-blocks.ts';
import type { TopicDoc } from '../../src/content/topic.ts';
import { planCompose } from '../../scripts/lib/verify-compose.ts';
import { compareOutput, comparable } from '../../scripts/lib/verify-compare.ts';
import { imageName, mapImage, rewriteDockerArgs, STAND_INS, type WrapperState } from '../../scripts/lib/verify-docker-args.ts';
import { blockOccurrences, hostChange, runBlocks, runShare } from '../../scripts/lib/verify-plan.ts';
import { isStale, splitOutput } from '../../scripts/lib/verify-runner.ts';
import { freePorts, hostPorts, PORT_RANGE, remapPorts, replaceablePorts } from '../../scripts/lib/verify-ports.ts';

const LABEL = ['--label', 'netlab.verify=h1-42-abc'];
const state = (): WrapperState => ({ runId: 'h1-42-abc', namePrefix: 'v-', containers: [], networks: [], volumes: [] });
const argv = (command: string, s = state()) => {
  const r = rewriteDockerArgs(command.split(' '), s);
  if (r.kind !== 'run') throw new Error(`expected a run rewrite, got ${r.kind}`);
  return r.argv;
};

describe('console blocks', () => {
  const body = [
    '## Run it',
    '',
    '```console run',
    '$ docker network create \\',
    '    --subnet 10.10.0.0/24 lab',
    "$ docker exec a sh -c 'ip addr add 10.1.1.1/32 dev veth0;",
    "    ip link set veth0 up'",
    '$ docker run --rm --network none busybox ip addr',
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000',
    '    inet 127.0.0.1/8 scope host lo',
    '',
    '$ cat > compose.yaml <<EOF',
    'services:',
    '  web:',
    'EOF',
    '$ ls',
    '```',
    '',
    '```console illustrative:lan-nic',
    '$ docker network create -d macvlan -o parent=eth0 lan',
    '```',
  ].join('\n');
  const [run, shown] = consoleBlocks(body, 10);

  it('joins continuation lines: a trailing backslash, an open quote, a here document', () => {
    expect(run!.commands.map((c) => c.text)).toEqual([
      'docker network create --subnet 10.10.0.0/24 lab',
      "docker exec a sh -c 'ip addr add 10.1.1.1/32 dev veth0; ip link set veth0 up'",
      'docker run --rm --network none busybox ip addr',
      'cat > compose.yaml <<EOF services: web: EOF',
      'ls',
    ]);
    expect(run!.commands.map((c) => c.line)).toEqual([13, 15, 17, 21, 25]);
  });

  it('keeps the lines after a command as its shown output, without trailing blank lines', () => {
    expect(run!.commands[2]!.output).toEqual(['1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000', '    inet 127.0.0.1/8 scope host lo']);
    expect(run!.commands[0]!.output).toEqual([]);
  });

  it('reads the tag', () => {
    expect(run!.kind).toEqual({ kind: 'run' });
    expect(shown!.kind).toEqual({ kind: 'illustrative', reason: 'lan-nic' });
  });

  it('knows when a command goes on', () => {
    expect(shellContinues("echo 'a")).toBe(true);
    expect(shellContinues('echo a \\')).toBe(true);
    expect(shellContinues("echo a # it's a comment")).toBe(false);
    expect(shellContinues('cat <<-END\n\tx\n\tEND')).toBe(false);
  });
});

describe('comparing output', () => {
  it('treats runs of digits and hex digits as placeholders, but not words', () => {
    expect(comparable('inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0')).toBe('inet #.#.#.#/# brd #.#.#.# scope global eth#');
    expect(compareOutput(['    inet 172.17.0.2/16 scope global eth0'], 'x\n    inet 172.17.0.5/16   scope global eth0\n')).toEqual({ ok: true });
    expect(compareOutput(['0147b8d16c64   bridge    bridge    local'], 'c562218eac89   bridge   bridge   local').ok).toBe(true);
    expect(compareOutput(['inet 172.17.0.2/16'], 'inet6 172.17.0.2/16').ok).toBe(false);
  });

  it('wants shown lines in order, consecutive unless a `...` line skips', () => {
    const actual = 'PING web (172.18.0.2): 56 data bytes\n64 bytes from 172.18.0.2: seq=0 ttl=64 time=0.1 ms\n\n--- web ping statistics ---\n1 packets transmitted, 1 packets received\n';
    expect(compareOutput(['PING web (172.18.0.3): 56 data bytes', '64 bytes from 172.18.0.3: seq=0 ttl=64 time=0.102 ms'], actual).ok).toBe(true);
    expect(compareOutput(['PING web (172.18.0.2): 56 data bytes', '1 packets transmitted, 1 packets received'], actual).ok).toBe(false);
    expect(compareOutput(['PING web (172.18.0.2): 56 data bytes', '...', '1 packets transmitted, 1 packets received'], actual).ok).toBe(true);
    expect(compareOutput(['1 packets transmitted, 1 packets received', '...', 'PING web (172.18.0.2): 56 data bytes'], actual).ok).toBe(false);
  });

  it('takes a line with or without its final full stop, as the 20.10 and later clients print errors', () => {
    expect(compareOutput(['docker: Error response from daemon: network my-nte not found.'], 'docker: Error response from daemon: network my-nte not found\n').ok).toBe(true);
    expect(compareOutput(['docker: invalid reference format'], 'docker: invalid reference format.\n').ok).toBe(true);
    expect(compareOutput(['network my-nte not found'], 'network my-nte not found here').ok).toBe(false);
  });

  it('names the shown line it could not find', () => {
    expect(compareOutput(['ping: bad address \'web\''], 'PING web (172.18.0.2)').message).toBe('shown line 1 “ping: bad address \'web\'” is not in the output');
  });
});

describe('the docker wrapper', () => {
  it('maps the README images, with tags and registries, to the demo image', () => {
    expect(imageName('docker.io/library/nginx:1.27-alpine')).toBe('nginx');
    expect(imageName('nicolaka/netshoot@sha256:abc')).toBe('nicolaka/netshoot');
    for (const image of ['busybox', 'alpine:3.19', 'ubuntu:24.04', 'nicolaka/netshoot']) expect(mapImage(image, ['ip', 'a'])).toEqual({ image: 'netlab-demo:latest', command: ['ip', 'a'] });
    expect(mapImage('mysql:8', [])).toBeUndefined();
  });

  it('runs a busybox stand-in for server images started without a command (or with server options)', () => {
    expect(mapImage('nginx', [])!.command.join(' ')).toMatch(/httpd -f -p 80/);
    expect(mapImage('redis', ['--bind', '127.0.0.1'])).toEqual({ image: 'netlab-demo:latest', command: [...STAND_INS['redis']!] });
    expect(mapImage('postgres:16', [])!.command).toContain('5432');
    expect(mapImage('nginx', ['nginx', '-t'])!.command).toEqual(['nginx', '-t']);
  });

  it('labels and prefixes what a block creates, and turns -it into -i', () => {
    const s = state();
    expect(argv('network create --subnet 10.10.0.0/24 lab', s)).toEqual(['network', 'create', ...LABEL, '--subnet', '10.10.0.0/24', 'v-lab']);
    expect(argv('run -dit --name web --network lab busybox sleep 60', s)).toEqual(['run', ...LABEL, '-di', '--name', 'v-web', '--network', 'v-lab', '--network-alias', 'web', 'netlab-demo:latest', 'sleep', '60']);
    expect(argv('run --rm -it --net=container:web alpine ip a', s)).toEqual(['run', ...LABEL, '--rm', '-i', '--net', 'container:v-web', 'netlab-demo:latest', 'ip', 'a']);
    expect(argv('exec -it web ping -c1 web', s)).toEqual(['exec', '-i', 'v-web', 'ping', '-c1', 'web']);
    expect(argv('rm -f web other', s)).toEqual(['rm', '-f', 'v-web', 'other']);
    expect(s).toMatchObject({ containers: ['web'], networks: ['lab'] });
  });

  it('keeps the topic’s names resolvable: network aliases, --link and network connect', () => {
    const s = state();
    argv('network create lab', s);
    argv('run -d --name db busybox sleep 60', s);
    expect(argv('run --rm --link db busybox ping -c1 db', s)).toContain('v-db:db');
    expect(argv('network connect lab db', s)).toEqual(['network', 'connect', '--alias', 'db', 'v-lab', 'v-db']);
    expect(argv('run -d --name plain busybox true', s)).not.toContain('--network-alias');
  });

  it('prefixes the network of the long --network form and adds the name as one more alias there', () => {
    const s = state();
    argv('network create --subnet 10.77.0.0/24 fixed-net', s);
    expect(argv('run --rm --network name=fixed-net,ip=10.77.0.10,alias=db busybox true', s)).toEqual([
      'run', ...LABEL, '--rm', '--network', 'name=v-fixed-net,ip=10.77.0.10,alias=db', 'netlab-demo:latest', 'true',
    ]);
    const named = argv('run -d --name app --network name=fixed-net,alias=db busybox true', s);
    expect(named).toContain('name=v-fixed-net,alias=db,alias=app');
    expect(named).not.toContain('--network-alias');
  });

  it('lets the real client refuse a word that cannot be an image (a pasted em dash)', () => {
    const r = rewriteDockerArgs(['run', '--rm', '—net=host', 'busybox', 'ip', 'addr'], state());
    expect(r).toEqual({ kind: 'run', argv: ['run', ...LABEL, '--rm', '—net=host', 'busybox', 'ip', 'addr'] });
  });

  it('shows only the run’s own resources in listings and scopes prunes', () => {
    expect(argv('ps -a')).toEqual(['ps', '-a', '--filter', 'label=netlab.verify=h1-42-abc']);
    expect(rewriteDockerArgs(['network', 'ls'], state())).toMatchObject({ kind: 'run', filterNetworkList: true });
    expect(argv('network prune -f')).toEqual(['network', 'prune', '-f', '--filter', 'label=netlab.verify=h1-42-abc']);
    expect(argv('container prune -f')).toContain('label=netlab.verify=h1-42-abc');
  });

  it('refuses what would change the engine, and flags images without a stand-in', () => {
    for (const command of ['swarm init', 'rmi netlab-demo', 'service create busybox', '-H tcp://x:2375 ps']) {
      expect(rewriteDockerArgs(command.split(' '), state()).kind).toBe('refuse');
    }
    expect(rewriteDockerArgs(['run', '--rm', 'mysql'], state())).toMatchObject({ unknownImage: 'mysql' });
    expect(rewriteDockerArgs(['compose', 'up', '-d'], state())).toEqual({ kind: 'compose', args: ['up', '-d'] });
  });

  it('runs Compose with an override that maps images and labels everything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-compose-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n  app:\n    image: busybox\n    command: ["sleep", "60"]\nnetworks:\n  back: {}\n  outside:\n    external: true\n');
    const plan = planCompose(['up', '-d'], dir, state(), '/tmp/o.yaml');
    rmSync(dir, { recursive: true });
    if ('error' in plan) throw new Error(plan.error);
    const project = dir.split('/').pop()!.toLowerCase().replace(/[^-_a-z0-9]/g, '');
    expect(plan.argv).toEqual(['-p', `v-${project}`, '-f', 'compose.yaml', '-f', '/tmp/o.yaml', 'up', '-d']);
    expect(plan.override).toMatchObject({ services: { web: { container_name: `v-${project}-web-1` } } });
    expect(plan.override).toMatchObject({
      services: { web: { image: 'netlab-demo:latest', labels: { 'netlab.verify': 'h1-42-abc' } }, app: { image: 'netlab-demo:latest', command: ['sleep', '60'] } },
      networks: { default: { labels: { 'netlab.verify': 'h1-42-abc' } }, back: { labels: { 'netlab.verify': 'h1-42-abc' } } },
    });
    expect(plan.override['networks']).not.toHaveProperty('outside');
  });
});

describe('planning a run', () => {
  const doc = (lang: 'en' | 'zh', body: string): TopicDoc => ({
    id: 't',
    lang,
    title: 't',
    summary: 's',
    aliases: [],
    keywords: [],
    related: [],
    sources: [],
    demo: undefined,
    languageSpecific: [],
    body,
    file: `${lang}/t.md`,
    bodyLine: 1,
  });
  const same = '```console run\n$ docker network ls\n```\n';
  const docs = [
    doc('en', `${same}\n\`\`\`console run\n$ docker ps\n\`\`\`\n\n\`\`\`console illustrative:multi-host\n$ docker swarm init\n$ docker node ls\n\`\`\`\n`),
    doc('zh', `${same}\n\`\`\`console illustrative:host-root\n$ docker ps\n\`\`\`\n`),
  ];
  const occurrences = blockOccurrences(docs);

  it('runs identical zh and en blocks once', () => {
    expect(runBlocks(occurrences).map((b) => b.occurrences.map((o) => o.lang).join('+'))).toEqual(['en+zh', 'en']);
  });

  it('counts each distinct command once across languages, and per language', () => {
    const share = runShare(occurrences);
    expect(share.all).toMatchObject({ run: 2, total: 4 });
    expect(share.byLang.en).toMatchObject({ run: 2, total: 4 });
    expect(share.byLang.zh).toMatchObject({ run: 1, total: 2 });
  });

  it('hands the yaml block before a block to Compose', () => {
    const [o] = blockOccurrences([doc('en', '## Compose\n\n```yaml\nservices: {}\n```\n\n```console run\n$ docker compose up -d\n```\n')]);
    expect(o!.composeFile).toBe('services: {}\n');
  });

  it('refuses commands that change the host, not the same words inside a container', () => {
    expect(hostChange('sudo ip netns list')).toBe('sudo');
    expect(hostChange('ip link add A type veth peer name B')).toBe('ip link add');
    expect(hostChange('echo \'{"bip": "10.0.0.1/24"}\' > /etc/docker/daemon.json')).toBe('> /etc/');
    expect(hostChange("docker exec a sh -c 'ip addr add 10.1.1.1/32 dev veth0; ip link set veth0 up'")).toBeUndefined();
    expect(hostChange('ip addr show docker0')).toBeUndefined();
  });
});

describe('the block shell', () => {
  it('splits the output at the markers and reads each exit code', () => {
    const text = 'noise\n\u001eNLV 0 begin\u001e\nhello\n\n\u001eNLV 0 end 0\u001e\n\u001eNLV 1 begin\u001e\nboom\n\u001eNLV 1 end 3\u001e\n\u001eNLV 2 begin\u001e\nhang';
    expect(splitOutput(text, 4)).toEqual([
      { output: 'hello\n', exitCode: 0 },
      { output: 'boom', exitCode: 3 },
      { output: 'hang', exitCode: undefined },
      { output: '', exitCode: undefined },
    ]);
  });

  it('calls a run stale when its runner is gone or it is old', () => {
    const now = Date.now();
    expect(isStale(`me-${process.pid}-${now.toString(36)}`, 'me', now)).toBe(false);
    expect(isStale(`me-999999999-${now.toString(36)}`, 'me', now)).toBe(true);
    expect(isStale(`other-1-${now.toString(36)}`, 'me', now)).toBe(false);
    expect(isStale(`other-1-${(now - 3 * 3600_000).toString(36)}`, 'me', now)).toBe(true);
    expect(isStale('garbage', 'me', now)).toBe(true);
  });
});



describe('host ports of a block', () => {
  const block = [
    'docker run -d --name web -p 127.0.0.1:8080:80 busybox httpd -f -p 80 -h /etc',
    'docker run -d --name dns -p 127.0.0.1:5353:53/udp busybox sleep 60',
    'docker run -d --name other --network host busybox httpd -f -p 127.0.0.1:8081',
    'docker run --rm --network host busybox wget -qO- http://127.0.0.1:8080/hostname',
    'docker run -d -p8000:80 -p 80:80 busybox true',
  ];

  it('finds published ports and the ports of servers in the host’s namespace, not a container’s own', () => {
    expect(hostPorts(block)).toEqual([80, 5353, 8000, 8080, 8081]);
    expect(hostPorts(['docker run -d busybox httpd -f -p 127.0.0.1:8080'])).toEqual([]);
    expect(hostPorts([], 'services:\n  web:\n    ports:\n      - "9090:80"\n      - published: 9091\n')).toEqual([9090, 9091]);
  });

  it('leaves a port alone that is also a container’s side of a mapping', () => {
    expect(replaceablePorts(hostPorts(block), block)).toEqual([5353, 8000, 8080, 8081]);
  });

  it('replaces whole port numbers only, never part of an address or a longer number', () => {
    const map = new Map([[8080, 23456], [80, 21111]]);
    expect(remapPorts('-p 127.0.0.1:8080:80 wget 127.0.0.1:8080/ 10.0.80.80 18080 8080.5', map)).toBe('-p 127.0.0.1:23456:21111 wget 127.0.0.1:23456/ 10.0.80.80 18080 8080.5');
  });

  it('hands out distinct ports from its own range, skipping those it was told to avoid', async () => {
    const draws = [0, 0, 0.5];
    const map = await freePorts([8080, 8081], new Set([PORT_RANGE.first]), () => draws.shift() ?? Math.random());
    const [a, b] = [map.get(8080)!, map.get(8081)!];
    expect(a).not.toBe(PORT_RANGE.first);
    expect(b).not.toBe(a);
    for (const port of [a, b]) expect(port).toBeGreaterThanOrEqual(PORT_RANGE.first);
  });
});
