/** The shape of one topic in one language, as loaded from `topics/<lang>/<key>.md`. */
import type { Lang } from '../i18n.ts';

export const TOPIC_KEYS = [
  'net-default-networks',
  'net-flag-network',
  'netns-veth-basics',
  'mode-bridge-default',
  'mode-bridge-user-defined',
  'mode-host',
  'mode-none',
  'mode-container',
  'driver-overlay',
  'driver-macvlan',
  'driver-ipvlan',
  'ip-addr-per-mode',
  'port-publishing',
  'dns-resolution',
  'container-to-host',
  'docker-desktop',
  'daemon-json',
  'p2p-veth-recipe',
  'vmware-analogies',
  'history-versions',
  'glossary-zh',
  'rootless-networking',
  'ipv6',
  'container-ip-inspect',
  'iptables-nat',
  'compose-networks',
  'swarm-ingress',
  'net-debugging',
  'registry-mirrors',
  'network-mtu',
  'network-connect',
] as const;

/** Shown first when nothing is typed: the modes members ask about most. */
export const CORE_TOPICS = [
  'mode-bridge-default',
  'mode-host',
  'mode-none',
  'mode-container',
  'mode-bridge-user-defined',
  'driver-overlay',
  'p2p-veth-recipe',
  'net-default-networks',
] as const;

/** A token that only one language states, on purpose (front matter `language_specific`). */
export interface LanguageSpecific {
  readonly text: string;
  readonly reason: string;
}

export interface TopicDoc {
  readonly id: string;
  readonly lang: Lang;
  readonly title: string;
  readonly summary: string;
  readonly aliases: readonly string[];
  readonly keywords: readonly string[];
  readonly related: readonly string[];
  readonly sources: readonly string[];
  readonly demo: string | undefined;
  /** Tokens (commands, flags, addresses, numbers) deliberately stated in this language only. */
  readonly languageSpecific: readonly LanguageSpecific[];
  /** The Markdown body after the front matter. */
  readonly body: string;
  /** Repository-relative path, for validation messages. */
  readonly file: string;
  /** 1-based line of the body's first line in the file. */
  readonly bodyLine: number;
}

export interface Topic {
  readonly id: string;
  readonly docs: Readonly<Record<Lang, TopicDoc>>;
}
