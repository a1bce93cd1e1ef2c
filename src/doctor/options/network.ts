/** Networking options of daemon.json: the default bridge, addresses, DNS, firewall. */
import { BOTH, type OptionSpec } from './option.ts';

const NEW_28 = 'moby v28.0.4 cmd/dockerd/config_unix.go (flag added in 28.0); docker/cli docs/reference/dockerd.md';

export const NETWORK_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'bip',
    type: 'string',
    explain: {
      en: 'Address and subnet of the default bridge docker0, in CIDR form (`10.50.0.1/24`): the bridge’s own address, not the network address.',
      zh: '默认网桥（docker0）自己的地址和子网，写成 CIDR（`10.50.0.1/24`）：填网桥的地址，不是网络地址。',
    },
    source: BOTH,
  },
  {
    key: 'bip6',
    type: 'string',
    since: '28.0',
    explain: {
      en: 'IPv6 address and prefix of docker0, the IPv6 counterpart of `bip`.',
      zh: '默认网桥（docker0）的 IPv6 地址和前缀，相当于 IPv6 版的 `bip`。',
    },
    source: NEW_28,
  },
  {
    key: 'bridge',
    type: 'string',
    explain: {
      en: 'Put the default network on a bridge you created yourself instead of docker0 (`none` turns it off). Cannot be combined with `bip`.',
      zh: '让默认网络改用你自己建好的网桥，不再用 docker0（写 `none` 则关闭默认网桥）。不能和 `bip` 同时使用。',
    },
    source: BOTH,
  },
  {
    key: 'fixed-cidr',
    type: 'string',
    explain: {
      en: 'The range containers on the default bridge get addresses from; it must lie inside docker0’s subnet.',
      zh: '默认网桥上的容器从这个范围分配地址，必须位于 docker0 的子网之内。',
    },
    source: BOTH,
  },
  {
    key: 'fixed-cidr-v6',
    type: 'string',
    explain: {
      en: 'The IPv6 subnet of the default bridge; used with `"ipv6": true`.',
      zh: '默认网桥的 IPv6 子网，配合 `"ipv6": true` 使用。',
    },
    source: BOTH,
  },
  {
    key: 'ipv6',
    type: 'bool',
    explain: {
      en: 'Turns IPv6 on for the default bridge only; write `true` or `false` without quotes.',
      zh: '只为默认网桥开启 IPv6；写 `true` 或 `false`，不加引号。',
    },
    source: BOTH,
  },
  {
    key: 'ip',
    type: 'ip',
    explain: {
      en: 'The host address `-p` publishes ports on by default (`0.0.0.0`: every address).',
      zh: '`-p` 发布端口时默认绑定的宿主机地址（`0.0.0.0` 表示所有地址）。',
    },
    source: BOTH,
  },
  {
    key: 'ip-forward',
    type: 'bool',
    explain: { en: 'Whether dockerd turns on IP forwarding in the kernel (default `true`).', zh: 'dockerd 是否打开内核的 IP 转发（默认 `true`）。' },
    source: BOTH,
  },
  {
    key: 'ip-forward-no-drop',
    type: 'bool',
    since: '28.0',
    explain: {
      en: 'Leave the FORWARD chain’s policy alone instead of setting it to DROP when dockerd turns on forwarding.',
      zh: 'dockerd 打开转发时不把 FORWARD 链的默认策略改成 DROP。',
    },
    source: NEW_28,
  },
  {
    key: 'ip-masq',
    type: 'bool',
    explain: {
      en: 'Masquerade (NAT) traffic from the default bridge to the outside (default `true`).',
      zh: '对默认网桥访问外网的流量做 IP 伪装（NAT），默认 `true`。',
    },
    source: BOTH,
  },
  {
    key: 'iptables',
    type: 'bool',
    explain: {
      en: 'Let dockerd add its iptables rules (default `true`); with `false` it adds no NAT or filter rules and containers usually cannot reach the outside.',
      zh: '让 dockerd 添加 iptables 规则（默认 `true`）；设为 `false` 后不再添加 NAT 和过滤规则，容器通常无法访问外网。',
    },
    source: BOTH,
  },
  {
    key: 'ip6tables',
    type: 'bool',
    explain: {
      en: 'Let dockerd add ip6tables rules for IPv6; before Engine 27.0 this needs `"experimental": true`.',
      zh: '让 dockerd 为 IPv6 添加 ip6tables 规则；Engine 27.0 之前还需要 `"experimental": true`。',
    },
    source: BOTH,
  },
  {
    key: 'icc',
    type: 'bool',
    explain: {
      en: 'Whether containers on the default bridge may talk to each other (default `true`); `false` works through iptables.',
      zh: '默认网桥上的容器之间能否互相访问（默认 `true`）；`false` 要靠 iptables 实现。',
    },
    source: BOTH,
  },
  {
    key: 'mtu',
    type: 'int',
    explain: {
      en: 'MTU of docker0 and of its containers’ interfaces, a number (default 1500); other networks are not affected.',
      zh: '默认网桥（docker0）及其容器网卡的 MTU，写数字（默认 1500）；不影响其他网络。',
    },
    source: BOTH,
  },
  {
    key: 'default-gateway',
    type: 'ip',
    explain: {
      en: 'The gateway containers on the default bridge route through; it must be inside docker0’s subnet.',
      zh: '默认网桥上的容器使用的网关，必须位于 docker0 的子网之内。',
    },
    source: BOTH,
  },
  {
    key: 'default-gateway-v6',
    type: 'ip',
    explain: { en: 'The IPv6 gateway of containers on the default bridge.', zh: '默认网桥上的容器使用的 IPv6 网关。' },
    source: BOTH,
  },
  {
    key: 'default-address-pools',
    type: 'pools',
    explain: {
      en: 'Where new networks take their subnets from: each `base` (a CIDR) is cut into subnets of prefix length `size`.',
      zh: '新建网络从这里分配子网：每个 `base`（一个 CIDR 网段）按前缀长度 `size` 切成小子网。',
    },
    source: BOTH,
  },
  {
    key: 'default-network-opts',
    type: 'stringMapMap',
    since: '24.0',
    flat: true,
    explain: {
      en: 'Default driver options for new networks, grouped by driver; the values are strings.',
      zh: '新建网络的默认驱动选项，按驱动分组，值都是字符串。',
    },
    source: 'moby v24.0.9 cmd/dockerd/config.go, daemon/config/config.go (flatOptions); docker/cli docs/reference/dockerd.md',
  },
  {
    key: 'network-control-plane-mtu',
    type: 'int',
    explain: { en: 'MTU for Swarm’s control-plane traffic.', zh: 'Swarm 模式控制面流量的 MTU。' },
    source: BOTH,
  },
  {
    key: 'network-diagnostic-port',
    type: 'int',
    explain: { en: 'TCP port of the network diagnostic server (a hidden debugging option).', zh: '网络诊断服务的 TCP 端口（隐藏的调试选项）。' },
    source: BOTH,
  },
  {
    key: 'dns',
    type: 'strings',
    explain: {
      en: 'DNS servers for containers: a list of IP addresses, without ports or names.',
      zh: '容器使用的 DNS 服务器：IP 地址列表，不能带端口，也不能写域名。',
    },
    source: BOTH,
  },
  {
    key: 'dns-opts',
    type: 'strings',
    explain: { en: 'Options written into containers’ `resolv.conf` (such as `ndots:2`).', zh: '写进容器 `resolv.conf` 的选项（例如 `ndots:2`）。' },
    source: BOTH,
  },
  {
    key: 'dns-search',
    type: 'strings',
    explain: { en: 'Search domains written into containers’ `resolv.conf`.', zh: '写进容器 `resolv.conf` 的搜索域。' },
    source: BOTH,
  },
  {
    key: 'host-gateway-ip',
    type: 'ip',
    explain: {
      en: 'The address `host-gateway` stands for in `--add-host host.docker.internal:host-gateway` (default: docker0’s address).',
      zh: '`--add-host host.docker.internal:host-gateway` 里 `host-gateway` 代表的地址（默认是 docker0 的地址）。',
    },
    source: `${BOTH}; moby v28.0.4 daemon/config/config.go (migratedNamedConfig)`,
  },
  {
    key: 'host-gateway-ips',
    type: 'ips',
    since: '28.0',
    explain: {
      en: 'Like `host-gateway-ip`, as a list: one IPv4 and one IPv6 address.',
      zh: '和 `host-gateway-ip` 相同，但写成列表：可以各写一个 IPv4 和 IPv6 地址。',
    },
    source: 'moby v28.0.4 cmd/dockerd/config.go (named option of --host-gateway-ip), daemon/config/config.go',
  },
  {
    key: 'userland-proxy',
    type: 'bool',
    explain: { en: 'Run `docker-proxy` for published ports (default `true`).', zh: '是否用 `docker-proxy` 转发发布的端口（默认 `true`）。' },
    source: BOTH,
  },
  {
    key: 'userland-proxy-path',
    type: 'string',
    explain: { en: 'Path of the `docker-proxy` program.', zh: '`docker-proxy` 程序的路径。' },
    source: BOTH,
  },
  {
    key: 'allow-direct-routing',
    type: 'bool',
    since: '28.2',
    explain: {
      en: 'Allow remote access to published ports on container IP addresses.',
      zh: '允许从其他机器直接通过容器 IP 访问已发布的端口。',
    },
    source: 'moby v28.2.2 cmd/dockerd/config_unix.go; docker/cli docs/reference/dockerd.md',
  },
  {
    key: 'firewall-backend',
    type: 'string',
    since: '29.0',
    explain: { en: 'Which firewall dockerd programs: `iptables` or `nftables`.', zh: 'dockerd 使用哪种防火墙：`iptables` 或 `nftables`。' },
    source: 'moby docker-v29.0.4 daemon/command/config_unix.go, daemon/config/config_linux.go',
  },
  {
    key: 'bridge-accept-fwmark',
    type: 'string',
    since: '29.0',
    explain: {
      en: 'Bridge networks accept packets that carry this firewall mark (mark/mask).',
      zh: '网桥网络放行带有这个防火墙标记（mark/mask）的数据包。',
    },
    source: 'moby docker-v29.0.4 daemon/command/config_unix.go; docker/cli docs/reference/dockerd.md',
  },
];
