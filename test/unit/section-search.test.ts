import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/commands/ask.ts';
import { Library } from '../../src/content/library.ts';
import { outOfScope } from '../../src/content/scope.ts';
import { normalizeText } from '../../src/content/tokenize.ts';

const library = Library.load(fileURLToPath(new URL('./fixtures/section-library/', import.meta.url)));

describe('search by section', () => {
  it('returns the best topic and its best-matching section', () => {
    const answer = library.ask('how do i give my container a fixed ip address', 'en');
    expect(answer.results[0]!.id).toBe('user-networks');
    expect(answer.section).toEqual({ index: 1, heading: 'Give a container a fixed IP' });
  });

  it('lands a pasted error on the section that quotes it', () => {
    const answer = library.ask('Error response from daemon: user specified IP address is supported only when connecting to networks with user configured subnets', 'en');
    expect(answer.section?.heading).toBe('Give a container a fixed IP');
  });

  it('answers in the other language with the counterpart section', () => {
    expect(library.ask('how do i give my container a fixed ip address', 'zh').section).toEqual({ index: 1, heading: '给容器固定地址' });
    expect(library.ask('容器怎么固定 ip 地址', 'en').section?.heading).toBe('Give a container a fixed IP');
    expect(library.ask('host 模式下 -p 为什么没用', 'en').section?.heading).toBe('Why -p does nothing');
  });

  it('shows that section under the summary, not always the first', () => {
    const answer = answerQuestion(library, library.ask('容器怎么固定 ip，--ip 报错', 'zh'), 'zh');
    expect(answer.title).toBe('自定义网络');
    expect(answer.body).toMatch(/^用 `docker network create` 建自己的网桥。\n\n\*\*给容器固定地址\*\*\n/);
    expect(answer.body).toContain('--subnet 172.28.0.0/16');
    expect(answer.body).toContain('--ip 172.28.0.10');
  });

  it('falls back to the first section when no section matches better', () => {
    const answer = answerQuestion(library, library.ask('user-defined network', 'en'), 'en');
    expect(answer.body).toContain('**Create one**');
  });
});

describe('honest refusals', () => {
  const refused = (q: string, namesTopic = false) => outOfScope(normalizeText(q), namesTopic);

  it.each([
    'kube-proxy iptables rules missing, pods cant reach the ClusterIP service',
    'k8s 里 pod 访问 service 的 ClusterIP 不通 kube-proxy 是 iptables 模式',
    'which CNI plugin should I use, calico or cilium',
    'podman network create with netavark, containers cant resolve each other',
    'VMware Workstation VM with a bridged adapter gets no IP from my router',
    'VMware workstation 虚拟机设成桥接模式后拿不到 ip 怎么办',
    'my home wifi router keeps dropping the connection',
    '家里的路由器 wifi 老掉线 信道怎么设置',
    'nginx reverse proxy returns 502 Bad Gateway while connecting to upstream',
    'traefik shows 404 page not found for my router rule',
  ])('refuses %s, even when it uses a topic alias', (q) => {
    expect(refused(q, true)).toBe(true);
  });

  it.each([
    'container keeps getting OOMKilled, how do i raise the memory limit',
    'docker logs 太大了 怎么限制日志大小',
    'docker restart policy always vs unless-stopped',
    'how do I mount a folder into a container',
    'docker build 每次都很慢 Dockerfile 缓存怎么用',
  ])('refuses the Docker subject the library does not explain: %s', (q) => {
    expect(refused(q)).toBe(true);
  });

  it.each([
    'is --network container:x basically how k8s pods share one IP?',
    'host 模式相当于 vmware 的桥接吗',
    'macvlan static ip collides with addresses my router hands out via dhcp',
    'ipvlan l3 模式咋配 路由要自己在上游路由器上加吗',
    'why does none mode only have lo',
    'Dockerfile 里写了 EXPOSE 80 为啥外面还是访问不到',
  ])('answers %s', (q) => {
    expect(refused(q)).toBe(false);
  });

  it('answers a neighbouring word next to Docker and a topic it names', () => {
    expect(refused('安装 docker 后 daemon.json 在哪', false)).toBe(true);
    expect(refused('安装 docker 后 daemon.json 在哪', true)).toBe(false);
  });
});
