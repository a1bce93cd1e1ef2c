/**
 * The Chinese style rules of src/content/README.md (glossary and typography), as a check on
 * strings that code produces.
 */
const REJECTED = [
  '网络名称空间', '网络名字空间', '网络空间', 'veth 对', '虚拟网线对', '一根 veth', '一条 veth', '内置 DNS', '嵌入式 DNS',
  '环回接口', '环回地址', '本地环回', '父网卡', '主接口', '默认桥接网络', '默认桥接', '用户自定义网络', '用户定义网络',
  '自定义 bridge 网络', '连外网', '上外网', '出外网', '路由网状网', '网状路由', '集群模式', 'swarm 模式', '实验性功能', '试验功能', '实验特性',
];

const HAN = '\\u3400-\\u9fff';

export function zhStyleProblems(text: string): string[] {
  const problems: string[] = [];
  for (const word of REJECTED) if (text.includes(word)) problems.push(`rejected term "${word}"`);
  const rules: [RegExp, string][] = [
    [new RegExp(`[${HAN}][A-Za-z0-9\`]|[A-Za-z0-9\`][${HAN}]`), 'no space between Chinese and Latin or digits'],
    [new RegExp(`[${HAN}][:,;?!()]`), 'half-width punctuation after Chinese'],
    [/[「」]/, 'corner brackets instead of “”'],
    [/(?<!—)—(?!—)/, 'a lone — instead of ——'],
  ];
  for (const [re, what] of rules) {
    const m = re.exec(text);
    if (m) problems.push(`${what}: …${text.slice(Math.max(0, m.index - 8), m.index + 8)}…`);
  }
  return problems;
}
