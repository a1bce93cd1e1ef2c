/**
 * `dns` must list IP addresses: dockerd 20.10 to 28.5 check each with opts.ValidateIPAddress
 * (`8.8.8.8:53 is not an ip address`); 29.x reads them as netip.Addr and refuses the same values
 * while decoding. A loopback resolver is accepted but cannot work from a container.
 */
import { parseIp } from './addresses.ts';
import type { DaemonJson } from './daemon-json.ts';
import { join, refusal, STAGE, type Finding } from './finding.ts';
import { range } from './releases.ts';

export function checkDns(json: DaemonJson): Finding[] {
  const out: Finding[] = [];
  for (const { value, at } of json.strings('dns')) {
    const ip = parseIp(value.trim());
    if (!ip) {
      const words = `configuration validation from file failed: ${value} is not an ip address`;
      const hint = value.includes(':') && parseIp(value.split(':')[0] ?? '')
        ? { en: 'Write the address without a port: DNS always uses port 53.', zh: '只写地址，不要带端口：DNS 固定使用 53 端口。' }
        : { en: 'Write an IP address, not a host name.', zh: '要写 IP 地址，不能写主机名。' };
      out.push({
        key: 'dns',
        stage: STAGE.validate,
        at,
        refusedBy: range(),
        dockerd: words,
        text: join({ en: `\`${value}\` is not an IP address.`, zh: `\`${value}\` 不是 IP 地址。` }, hint, refusal(words)),
      });
      continue;
    }
    const loopback = (ip.version === 4 && ip.value >> 24n === 127n) || (ip.version === 6 && ip.value === 1n);
    if (loopback) {
      out.push({
        key: 'dns',
        stage: STAGE.advice,
        at,
        text: {
          en: `\`${value}\` is a loopback address: inside a container it is the container itself, so containers on the default bridge get no DNS answers from it. Give the host’s LAN address or an upstream resolver.`,
          zh: `\`${value}\` 是回环地址：在容器里它指的是容器自己，默认网桥上的容器从它那里查不到 DNS。请写宿主机的局域网地址或上游 DNS 服务器。`,
        },
      });
    }
  }
  return out;
}
