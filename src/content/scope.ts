/**
 * What the library answers at all. A question is refused (with the nearest topics as
 * suggestions) when it belongs to a neighbouring field — Kubernetes, Podman, virtual machine or
 * home-router settings, application proxies, Docker subjects other than networking — or when
 * nothing in it is about networking. Decided on the normalized question (see tokenize.ts).
 */

/**
 * Words of neighbouring domains (Kubernetes, storage, image builds, resources, web servers and
 * application proxies, home networks, other languages, the group's chit-chat). A question using
 * them is answered only when it also names Docker and a networking term or topic, e.g. "is
 * --network container:x how k8s pods share an IP?".
 */
const OTHER_DOMAIN =
  /kubernetes|k8s|kubectl|kube-?proxy|openshift|nomad|\becs\b|awsvpc|fargate|\beks\b|\bgke\b|\bpods?\b|networkpolicy|\bcni\b|calico|flannel|cilium|istio|\bhelm\b|nodeport|clusterip|ingress controller|\blxc\b|\blxd\b|\bvolumes?\b|bind mount|chmod|chown|permission denied|dockerfile|multi.?stage|image size|docker images|docker login|docker build|build cache|\boom|memory limit|\bcpu\b|\bswap\b|\bnginx\b|apache|traefik|haproxy|caddy|envoy|reverse proxy|proxy_pass|bad gateway|\b50[234]\b|\b407\b|\bssl\b|\btls\b|certbot|python|java\b|golang|npm\b|\bkvm\b|netplan|discord|meeting|homework|deadline|exam\b|\binstall(ing|ation)?\b|数据卷|挂载|权限|镜像大小|镜像太大|构建|缓存|内存|反向代理|安装|开会|几点|作业|考试|分享|认领|下周|签到/;

/**
 * Container lifecycle (health checks, start order, restart policies): answered only with a
 * networking word in the question. A topic's alias is not enough here: "healthcheck unhealthy,
 * curl: not found" names a debugging symptom, but the question is about the health check.
 */
const LIFECYCLE = /healthcheck|health check|unhealthy|depends_on|restart polic|健康检查/;

/** Docker named outright: its name, containers, its flags and files. */
const DOCKER_ANCHOR = /\bdocker|dokcer|docekr|contai?ner|contianer|容器|--net|\bswarm\b|daemon\.json|\bcompose\b/;

/** Docker in the question, also through its modes and drivers (“host 模式”, macvlan). */
const DOCKER_CONTEXT =
  /\bdocker|dokcer|docekr|contai?ner|contianer|容器|--net|\bswarm\b|daemon\.json|\bcompose\b|\b(?:host|bridge|none|container|overlay)\s*(?:模式|mode|network|网络|driver|驱动)|macvlan|ipvlan|\boverlay\b/;

const NETWORK_TERM =
  /network|netwrok|newtork|netowrk|网络|\bips?\b|\bports?\b|端口|\bdns\b|bridge|网桥|桥接|veth|namespace|命名空间|netns|\bping\b|subnet|子网|iptables|\bnat\b|\bmtu\b|vxlan|overlay|macvlan|ipvlan|\beth\d|docker0|interface|网卡|\broute[sd]?\b|\brouting\b|路由|gateway|网关|localhost|-p \d|publish|映射|\bexpose\b|\breach(?:able)?\b|互相访问|互访|互通|访问不到|上不了网|不能上网|\bforward\b/;

/** Further words that only make sense in this library's domain (modes, tools, addresses, network flags). */
const DOMAIN_WORD =
  /\bnone\b|\bhost\b|宿主机|主机|\blo\b|回环|loopback|vmware|virtualbox|nsenter|\bip\b|\bip ?a(ddr)?\b|ifconfig|\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|(^|\s)(--(net|network|ip|ip6|dns|add-host|link|publish|expose|subnet|gateway|attachable|internal|mac-address|hostname|cap-add|pid)\b|-p\b|-p\s*\d)|userland|docker-proxy|dockerd|libnetwork|\bbip\b|模式|驱动|\bdriver\b/;

/** Podman's own networking: answered only when the question is about Docker by name. */
const PODMAN = /podman|netavark|buildah/;
const DOCKER_NAMED = /docker|dokcer|docekr/;
/**
 * Virtual machine settings and home networks (routers, Wi-Fi, the ISP): answered only next to
 * Docker, as in the VMware analogies or a macvlan container on the LAN.
 */
const ELSEWHERE_UNLESS_DOCKER = /vmware|virtualbox|workstation|esxi|hyper-?v|虚拟机|router|路由器|\bwi-?fi\b|\bwlan\b|wireless|无线|信道|光猫|宽带|\bisp\b|运营商/;

/**
 * Whether a question is outside the library. `namesTopic`: the question names a topic by one of
 * its aliases (strong evidence it is about networking even without a networking word).
 */
export function outOfScope(question: string, namesTopic: boolean): boolean {
  if (PODMAN.test(question) && !DOCKER_NAMED.test(question)) return true;
  if (ELSEWHERE_UNLESS_DOCKER.test(question) && !DOCKER_CONTEXT.test(question)) return true;
  if (LIFECYCLE.test(question) && !NETWORK_TERM.test(question)) return true;
  if (OTHER_DOMAIN.test(question) && !(DOCKER_ANCHOR.test(question) && (NETWORK_TERM.test(question) || namesTopic))) return true;
  return !(namesTopic || NETWORK_TERM.test(question) || DOMAIN_WORD.test(question));
}
