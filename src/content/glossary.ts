/**
 * The Chinese glossary of src/content/README.md ("one term per concept"): each rejected
 * variant with the term to use instead. validate-content flags the variants in zh topics and in
 * the Chinese string literals of src/**\/*.ts — except in this file, which has to name them.
 */
export interface RejectedTerm {
  readonly pattern: RegExp;
  readonly use: string;
}

export const GLOSSARY_FILE = 'src/content/glossary.ts';

const term = (variants: string, use: string): RejectedTerm => ({ pattern: new RegExp(variants, 'g'), use });

export const REJECTED_TERMS: readonly RejectedTerm[] = [
  term('网络名称空间|网络名字空间|网络空间', '网络命名空间'),
  // "veth 对" is the pair; "veth 对端" (the peer) and "对应" are fine.
  term('veth\\s*对(?![端应于比照])|虚拟网线对|一根\\s*veth|一条\\s*veth', 'veth pair（虚拟网卡对）, counted 一对 veth'),
  term('内置\\s*DNS|嵌入式\\s*DNS', '内嵌 DNS'),
  term('环回接口|环回地址|本地环回', '回环接口 / 回环地址'),
  term('父网卡|主接口', '父接口'),
  term('默认桥接网络|默认桥接', '默认网桥（docker0）'),
  term('用户自定义网络|用户定义网络|自定义\\s*bridge\\s*网络', '自定义网络, or 自定义网桥 for the bridge driver'),
  term('连外网|上外网|出外网', '访问外网'),
  term('路由网状网|网状路由', '路由网格（routing mesh）'),
  term('集群模式|swarm\\s*模式', 'Swarm 模式'),
  term('实验性功能|试验功能|实验特性', '实验功能'),
];

export interface TermHit {
  readonly found: string;
  readonly use: string;
  readonly index: number;
}

export function rejectedTerms(text: string): TermHit[] {
  const hits: TermHit[] = [];
  for (const { pattern, use } of REJECTED_TERMS) {
    for (const m of text.matchAll(pattern)) hits.push({ found: m[0], use, index: m.index });
  }
  return hits.sort((a, b) => a.index - b.index);
}
