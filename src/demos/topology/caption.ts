/**
 * What goes with a picture: the bilingual caption in the message (the picture itself has ASCII
 * labels only), and the attachment itself, a PNG or, where none could be drawn, the ASCII text.
 */
import type { AnswerAttachment } from '../../answer.ts';
import type { Bilingual } from '../../errors.ts';
import type { Lang } from '../../i18n.ts';
import { matchedPairs, type Topology } from './model.ts';
import type { TopologyPicture } from './picture.ts';

const hasCables = (t: Topology) => t.sections.some((s) => s.cables.length > 0);
const hostEndsUnseen = (t: Topology) =>
  t.sections.some((s) => s.cables.some((c) => c.kind === 'to-switch' && c.far === undefined && s.switches.some((sw) => sw.id === c.switchId && sw.kind === 'bridge')));
const hasOverlay = (t: Topology) => t.sections.some((s) => s.switches.some((sw) => sw.kind === 'overlay'));

/** One caption for a run's picture: what the boxes and lines are, and the first pair matched by index. */
export function captionFor(topology: Topology): Bilingual {
  const en: string[] = [];
  const zh: string[] = [];
  if (hasCables(topology)) {
    en.push('The picture: each box is a network namespace, each line a veth pair.');
    zh.push('图示：每个方框是一个网络命名空间，每条连线是一对 veth。');
  } else {
    en.push('The picture: each box is a network namespace and the interfaces in it.');
    zh.push('图示：每个方框是一个网络命名空间，里面是它的接口。');
  }
  const [first, ...more] = matchedPairs(topology);
  if (first) {
    const rest = more.length > 0 ? { en: ` (and ${more.length} more)`, zh: `（另有 ${more.length} 对）` } : { en: '', zh: '' };
    en.push(`Both ends name each other by interface index: \`${first.near}\` ↔ \`${first.far}\`${rest.en}.`);
    zh.push(`两端按接口编号互相指向：\`${first.near}\` ↔ \`${first.far}\`${rest.zh}。`);
  }
  if (hasOverlay(topology)) {
    en.push('eth0’s other end is in the overlay network’s own namespace, which carries traffic to other nodes in VXLAN.');
    zh.push('eth0 的另一端在 overlay 网络自己的命名空间里，发往其他节点的流量在那里封装进 VXLAN。');
  }
  if (hostEndsUnseen(topology)) {
    en.push('The host’s ends were not looked at: containers in the host’s namespace are switched off here (`SANDBOX_HOST_SCENARIO=false`).');
    zh.push('宿主机一侧的另一端没有查看：这里关闭了宿主机命名空间里的容器（`SANDBOX_HOST_SCENARIO=false`）。');
  }
  return { en: en.join(' '), zh: zh.join('') };
}

/** The attachment for a picture: the PNG with its ASCII stand-in, or the ASCII as a text file. */
export function pictureAttachment(picture: TopologyPicture, baseName: string, caption: Bilingual): AnswerAttachment {
  if (!picture.png) return { name: `${baseName}.txt`, content: `${picture.ascii}\n` };
  return { name: `${baseName}.png`, png: picture.png, ascii: picture.ascii, description: caption.en };
}

/** The caption line in a member's language. */
export const captionLine = (caption: Bilingual, lang: Lang) => `🖼️ ${caption[lang]}`;
