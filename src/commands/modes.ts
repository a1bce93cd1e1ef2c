/**
 * `/modes` — the network modes side by side, one compact card per mode, readable on a phone, and
 * one picture per mode from the demos' own renderer.
 */
import type { Answer, AnswerAttachment, AnswerField } from '../answer.ts';
import { pictureAttachment } from '../demos/topology/caption.ts';
import { MODE_TOPOLOGIES } from '../demos/topology/modes.ts';
import { drawTopology } from '../demos/topology/picture.ts';
import type { Bilingual } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import { slashCommand, withAnswerOptions, type Command } from './command.ts';
import type { Surface } from './context.ts';
import { commandLine } from './ui-text.ts';

interface ModeCard {
  readonly name: string;
  readonly topic: string;
  readonly isolation: Bilingual;
  readonly ownIp: Bilingual;
  readonly ports: Bilingual;
  readonly dns: Bilingual;
  readonly use: Bilingual;
}

const LABELS = {
  isolation: { en: 'Isolation', zh: '隔离' },
  ownIp: { en: 'Own IP', zh: '独立 IP' },
  ports: { en: 'Ports', zh: '端口' },
  dns: { en: 'DNS by name', zh: '按名字解析' },
  use: { en: 'Typical use', zh: '典型用途' },
} satisfies Record<string, Bilingual>;

const CARDS: readonly ModeCard[] = [
  {
    name: 'bridge (default)',
    topic: 'mode-bridge-default',
    isolation: { en: 'own namespace, shares docker0 with other default containers', zh: '独立命名空间，和其他默认容器共用 docker0' },
    ownIp: { en: 'yes, 172.17.x.x behind NAT', zh: '有，172.17.x.x，经 NAT 出网' },
    ports: { en: '`-p` to reach it from outside', zh: '外部访问要用 `-p` 发布' },
    dns: { en: 'no (IP only; `--link` is legacy)', zh: '不支持（只能用 IP；`--link` 已过时）' },
    use: { en: 'quick single containers', zh: '临时跑单个容器' },
  },
  {
    name: 'user-defined bridge',
    topic: 'mode-bridge-user-defined',
    isolation: { en: 'own namespace; only containers on this network see each other', zh: '独立命名空间；只有同一网络的容器互通' },
    ownIp: { en: 'yes, from the network’s subnet', zh: '有，来自该网络的子网' },
    ports: { en: '`-p` to reach it from outside', zh: '外部访问要用 `-p` 发布' },
    dns: { en: 'yes, embedded DNS at 127.0.0.11', zh: '支持，内嵌 DNS（`127.0.0.11`）' },
    use: { en: 'multi-container apps on one host (Compose does this)', zh: '单机多容器应用（Compose 默认就是它）' },
  },
  {
    name: 'host',
    topic: 'mode-host',
    isolation: { en: 'none for networking: the host’s own namespace', zh: '网络不隔离：直接用宿主机的命名空间' },
    ownIp: { en: 'no, uses the host’s addresses', zh: '没有，用宿主机的地址' },
    ports: { en: 'binds host ports directly; `-p` is ignored', zh: '直接占用宿主机端口；`-p` 被忽略' },
    dns: { en: 'the host’s resolver', zh: '沿用宿主机的解析配置' },
    use: { en: 'many ports, max throughput, network tools (Linux)', zh: '端口很多、追求性能、网络工具（Linux）' },
  },
  {
    name: 'none',
    topic: 'mode-none',
    isolation: { en: 'complete: own namespace with only `lo`', zh: '完全隔离：独立命名空间里只有 `lo`' },
    ownIp: { en: 'no, only 127.0.0.1', zh: '没有，只有 127.0.0.1' },
    ports: { en: 'nothing to publish', zh: '没有可发布的端口' },
    dns: { en: 'no', zh: '无' },
    use: { en: 'offline batch jobs, hand-built links (see p2p)', zh: '离线批处理、手工搭链路（见 p2p）' },
  },
  {
    name: 'container:<name>',
    topic: 'mode-container',
    isolation: { en: 'joins another container’s namespace', zh: '加入另一个容器的命名空间' },
    ownIp: { en: 'no, the same IP as the other container', zh: '没有，和对方同一个 IP' },
    ports: { en: 'shared; they talk over localhost', zh: '共用端口；彼此用 localhost 通信' },
    dns: { en: 'whatever the other container has', zh: '与对方相同' },
    use: { en: 'sidecars, debugging tools, pods', zh: 'sidecar、调试工具、Pod 的原理' },
  },
  {
    name: 'overlay',
    topic: 'driver-overlay',
    isolation: { en: 'own namespace on a network spanning hosts (VXLAN)', zh: '独立命名空间，网络跨主机（VXLAN）' },
    ownIp: { en: 'yes (e.g. 10.0.x.x), MTU 1450', zh: '有（如 10.0.x.x），MTU 1450' },
    ports: { en: 'swarm routing mesh or `-p`', zh: 'swarm 路由网格或 `-p`' },
    dns: { en: 'yes, service and container names', zh: '支持，服务名和容器名' },
    use: { en: 'swarm services across several hosts', zh: '多主机的 swarm 服务' },
  },
  {
    name: 'macvlan',
    topic: 'driver-macvlan',
    isolation: { en: 'own namespace with its own MAC on the LAN', zh: '独立命名空间，在局域网上有自己的 MAC' },
    ownIp: { en: 'yes, a LAN address', zh: '有，局域网地址' },
    ports: { en: 'not needed: reachable directly (the host itself can’t by default)', zh: '不需要：局域网直接可达（宿主机自己默认不通）' },
    dns: { en: 'yes, between containers on the network', zh: '同网络容器之间支持' },
    use: { en: 'apps that must look like a machine on the LAN', zh: '需要像一台独立机器出现在局域网的应用' },
  },
  {
    name: 'ipvlan',
    topic: 'driver-ipvlan',
    isolation: { en: 'own namespace; shares the parent NIC’s MAC', zh: '独立命名空间；与父接口共用同一个 MAC' },
    ownIp: { en: 'yes, a LAN (L2) or routed (L3) address', zh: '有，局域网（L2）或路由（L3）地址' },
    ports: { en: 'not needed: reachable directly', zh: '不需要：直接可达' },
    dns: { en: 'yes, between containers on the network', zh: '同网络容器之间支持' },
    use: { en: 'like macvlan where switches limit MACs', zh: '交换机限制 MAC 数量时替代 macvlan' },
  },
];

export function modesAnswer(lang: Lang, surface: Surface = 'discord'): Answer {
  const more: Bilingual =
    surface === 'discord'
      ? { en: 'the buttons open the full topics, and `/demo` shows the real `ip addr`.', zh: '点下面的按钮看完整主题，或用 `/demo` 现场看真实的 `ip addr`。' }
      : {
          en: `\`${commandLine(surface, 'learn', '<topic>')}\` opens a full topic, and \`${commandLine(surface, 'demo', '<scenario>')}\` shows the real \`ip addr\`.`,
          zh: `用 \`${commandLine(surface, 'learn', '<主题>')}\` 看完整主题，或用 \`${commandLine(surface, 'demo', '<场景>')}\` 现场看真实的 \`ip addr\`。`,
        };
  const fields: AnswerField[] = CARDS.map((card) => ({
    name: card.name,
    value: (['isolation', 'ownIp', 'ports', 'dns', 'use'] as const).map((k) => `**${LABELS[k][lang]}:** ${card[k][lang]}`).join('\n'),
  }));
  return {
    title: lang === 'zh' ? 'Docker 网络模式对比' : 'Docker network modes compared',
    body:
      lang === 'zh'
        ? `\`--network\` 决定容器放进哪个网络命名空间。下面每张卡片回答同样的五个问题；${more.zh}`
        : `\`--network\` picks which network namespace a container lives in. Each card answers the same five questions; ${more.en}`,
    fields,
    tone: 'info',
    links: CARDS.map((c) => ({ label: c.name, topicId: c.topic })),
  };
}

const PICTURES_CAPTION: Bilingual = {
  en: 'One picture per mode: boxes are network namespaces, lines are veth pairs (macvlan and ipvlan: the link to the parent interface). Names and addresses are examples; `/demo` draws a real run.',
  zh: '每种模式一张图：方框是网络命名空间，连线是一对 veth（macvlan 和 ipvlan 是连到父接口的链路）。名字和地址只是示例，`/demo` 画的是真实运行的结果。',
};

let pictures: Promise<AnswerAttachment[]> | undefined;

/** The cards' pictures, in the cards' order: drawn once (the models are fixed), then reused. */
function modePictures(): Promise<AnswerAttachment[]> {
  pictures ??= Promise.all(
    CARDS.flatMap((card) => {
      const topology = MODE_TOPOLOGIES[card.topic];
      return topology ? [drawTopology(topology).then((picture) => pictureAttachment(picture, card.topic, { en: `${card.name}: ${PICTURES_CAPTION.en}`, zh: PICTURES_CAPTION.zh }))] : [];
    }),
  );
  return pictures;
}

export const modes: Command = {
  data: withAnswerOptions(
    slashCommand('modes', '网络模式', {
      en: 'Compare host, bridge, none, container, overlay, macvlan and ipvlan',
      zh: '对比 host、bridge、none、container、overlay、macvlan、ipvlan',
    }),
  ).toJSON(),
  async execute(ctx) {
    const answer = modesAnswer(ctx.lang, ctx.surface);
    const attachments = await modePictures();
    await ctx.reply({ ...answer, body: `${answer.body}\n\n🖼️ ${PICTURES_CAPTION[ctx.lang]}`, attachments });
  },
};
