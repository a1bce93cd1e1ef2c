/**
 * How verify-commands changes a topic's `docker …` command before the real CLI runs it: public
 * images become the demo image (servers get a busybox stand-in on their port), `-it` becomes
 * `-i`, every container, network and volume the block creates is labelled `netlab.verify=<run
 * id>` and named with the run's prefix (so blocks never collide with what else runs on the
 * engine), listings show only the run's own resources, and commands that would change the
 * engine itself are refused. Pure: the wrapper process applies the result.
 */

export const DEMO_IMAGE = 'netlab-demo:latest';
export const VERIFY_LABEL = 'netlab.verify';

/** What the block has created so far, kept by the wrapper between commands. */
export interface WrapperState {
  readonly runId: string;
  readonly namePrefix: string;
  containers: string[];
  networks: string[];
  volumes: string[];
}

export type Rewrite =
  | {
      readonly kind: 'run';
      readonly argv: string[];
      /** An image outside the README's list: the wrapper says so when the engine lacks it. */
      readonly unknownImage?: string;
      /** `network ls` output is cut down to the predefined networks and the run's own. */
      readonly filterNetworkList?: boolean;
    }
  | { readonly kind: 'compose'; readonly args: string[] }
  | { readonly kind: 'refuse'; readonly message: string };

/** Server images run a busybox stand-in listening on their port when started without a command. */
const NGINX_PAGE = '<!DOCTYPE html>\\n<html>\\n<head>\\n<title>Welcome to nginx!</title>\\n</head>\\n<body>\\n<h1>Welcome to nginx!</h1>\\n</body>\\n</html>';
export const STAND_INS: Readonly<Record<string, readonly string[] | undefined>> = {
  nginx: ['sh', '-c', `mkdir -p /www && printf '${NGINX_PAGE}\\n' > /www/index.html && exec httpd -f -p 80 -h /www`],
  redis: ['nc', '-ll', '-p', '6379', '-e', 'cat'],
  postgres: ['nc', '-ll', '-p', '5432', '-e', 'cat'],
};
const PLAIN_IMAGES = new Set(['busybox', 'alpine', 'ubuntu', 'debian', 'nicolaka/netshoot', 'netshoot']);

/** `nginx:1.27-alpine`, `docker.io/library/busybox@sha256:…` → the image's short name. */
export function imageName(reference: string): string {
  const withoutDigest = reference.split('@')[0]!;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const name = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  return name.replace(/^(?:docker\.io\/|index\.docker\.io\/|registry-1\.docker\.io\/)?(?:library\/)?/, '');
}

/** The demo image and command a public image runs as, or undefined for an image without a stand-in. */
export function mapImage(reference: string, command: readonly string[]): { image: string; command: string[] } | undefined {
  const name = imageName(reference);
  if (reference === DEMO_IMAGE || name === 'netlab-demo') return { image: reference, command: [...command] };
  const server = STAND_INS[name];
  if (server) {
    // The official images pass leading options (`redis --bind 127.0.0.1`) to the server itself.
    return { image: DEMO_IMAGE, command: command.length === 0 || command[0]!.startsWith('-') ? [...server] : [...command] };
  }
  if (PLAIN_IMAGES.has(name)) return { image: DEMO_IMAGE, command: [...command] };
  return undefined;
}

/** Options of `docker run`/`create` that take a value (long names without `--`, short letters). */
const RUN_VALUE_OPTIONS = new Set(
  'add-host annotation attach a blkio-weight blkio-weight-device cap-add cap-drop cgroup-parent cgroupns cidfile cpu-count cpu-percent cpu-period cpu-quota cpu-rt-period cpu-rt-runtime cpu-shares c cpus cpuset-cpus cpuset-mems detach-keys device device-cgroup-rule device-read-bps device-read-iops device-write-bps device-write-iops dns dns-option dns-opt dns-search domainname entrypoint env e env-file expose gpus group-add health-cmd health-interval health-retries health-start-interval health-start-period health-timeout hostname h ip ip6 ipc isolation kernel-memory label l label-file link link-local-ip log-driver log-opt mac-address memory m memory-reservation memory-swap memory-swappiness mount name network net network-alias net-alias oom-score-adj pid pids-limit platform publish p pull restart runtime security-opt shm-size stop-signal stop-timeout storage-opt sysctl tmpfs ulimit user u userns uts volume v volume-driver volumes-from workdir w'.split(
    ' ',
  ),
);
const EXEC_VALUE_OPTIONS = new Set('detach-keys env e env-file user u workdir w'.split(' '));
const GLOBAL_VALUE_OPTIONS = new Set('config context c host H log-level l tlscacert tlscert tlskey'.split(' '));
/** Options that take a value, per subcommand (`-f` is --force for rm but --format for inspect). */
const words = (list: string) => new Set(list.split(' '));
const VALUE_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  inspect: words('format f type'),
  logs: words('tail n since until'),
  stop: words('time t signal s'),
  restart: words('time t signal s'),
  kill: words('signal s'),
  start: words('detach-keys'),
  stats: words('format'),
  port: words(''),
  rm: words(''),
  cp: words(''),
  'network create': words('driver d subnet gateway ip-range aux-address opt o label ipam-driver ipam-opt scope config-from'),
  'network connect': words('alias ip ip6 link link-local-ip driver-opt'),
  'network inspect': words('format f'),
  'network ls': words('filter f format'),
  'volume create': words('driver d opt o label name'),
  'volume inspect': words('format f'),
};
const DEFAULT_VALUE_OPTIONS = words('format filter signal time tail since until type');

interface Option {
  readonly name: string;
  readonly value: string | undefined;
  /** The tokens the option spans (`--name`, `web` or `--name=web`). */
  readonly tokens: string[];
  /** A single-dash option or group (`-p`, `-dit`). */
  readonly short: boolean;
  readonly next: number;
}

/** Reads one option at `i` (`--name x`, `--name=x`, `-p 80`, `-p80`, `-dit`); undefined at a positional. */
function readOption(args: readonly string[], i: number, takesValue: (name: string) => boolean): Option | undefined {
  const arg = args[i]!;
  if (arg === '--' || !arg.startsWith('-') || arg === '-') return undefined;
  const option = (name: string, value: string | undefined, next: number): Option => ({ name, value, tokens: args.slice(i, next), short: !arg.startsWith('--'), next });
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    if (eq > 0) return option(arg.slice(2, eq), arg.slice(eq + 1), i + 1);
    const name = arg.slice(2);
    return takesValue(name) ? option(name, args[i + 1], i + 2) : option(name, undefined, i + 1);
  }
  // A group of short flags: the first letter that takes a value takes the rest or the next token.
  for (let c = 1; c < arg.length; c++) {
    if (takesValue(arg[c]!)) {
      const rest = arg.slice(c + 1);
      return rest !== '' ? option(arg.slice(1, c + 1), rest, i + 1) : option(arg.slice(1, c + 1), args[i + 1], i + 2);
    }
  }
  return option(arg.slice(1), undefined, i + 1);
}

/** `-it` → `-i`, `-dit` → `-di`, `-t` and `--tty` → nothing: no terminal in a verified block. */
function withoutTty(option: Option): string[] {
  if (!option.short) return option.name === 'tty' ? [] : option.tokens;
  const [first = '', ...rest] = option.tokens;
  const letters = option.name.replace(/t/g, '');
  return letters === '' ? [] : [`-${letters}${first.slice(option.name.length + 1)}`, ...rest];
}

/**
 * Whether a word can be an image reference at all. One that cannot (`—net=host` pasted with an
 * em dash) makes the real client fail at once with `invalid reference format`, before any pull:
 * the block runs it as written so that the topic can show that error.
 */
export function plausibleReference(word: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/.test(word);
}

/** `name=front,ip=10.0.0.5,alias=db` (the long form of `--network`, CLI 20.10 and later) → its fields. */
function longNetwork(value: string): { name: string; rest: string[] } | undefined {
  if (!value.includes('=')) return undefined;
  const fields = value.split(',');
  const name = fields.find((f) => f.startsWith('name='));
  return name === undefined ? undefined : { name: name.slice(5), rest: fields.filter((f) => f !== name) };
}

function isUserNetwork(network: string | undefined): boolean {
  return network !== undefined && !['bridge', 'host', 'none', 'default'].includes(network) && !network.startsWith('container:');
}

class Rewriter {
  readonly label: string;
  constructor(readonly state: WrapperState) {
    this.label = `${VERIFY_LABEL}=${state.runId}`;
  }

  prefixed(name: string, known: readonly string[]): string {
    return known.includes(name) ? this.state.namePrefix + name : name;
  }

  container(ref: string): string {
    if (ref.startsWith('container:')) return `container:${this.prefixed(ref.slice(10), this.state.containers)}`;
    return this.prefixed(ref, this.state.containers);
  }

  /** A positional naming a container, network or volume the block created. */
  any(ref: string): string {
    const cp = /^([^/:]+):(\/.*)$/.exec(ref);
    if (cp) return `${this.prefixed(cp[1]!, this.state.containers)}:${cp[2]}`;
    for (const known of [this.state.containers, this.state.networks, this.state.volumes]) if (known.includes(ref)) return this.state.namePrefix + ref;
    return ref;
  }

  runOrCreate(sub: string, args: readonly string[]): Rewrite {
    const out: string[] = [sub, '--label', this.label];
    let name: string | undefined;
    let network: string | undefined;
    let longForm = false;
    let i = 0;
    while (i < args.length) {
      if (args[i] === '--') {
        i++;
        break;
      }
      const option = readOption(args, i, (n) => RUN_VALUE_OPTIONS.has(n));
      if (!option) break;
      i = option.next;
      const { name: flag, value = '' } = option;
      switch (option.short ? '' : flag) {
        case 'name':
          name = value;
          this.created(this.state.containers, value);
          out.push('--name', this.state.namePrefix + value);
          break;
        case 'network':
        case 'net': {
          const long = longNetwork(value);
          network = long?.name ?? value;
          if (!long) out.push(`--${flag}`, this.container(this.prefixed(value, this.state.networks)));
          else out.push(`--${flag}`, [`name=${this.prefixed(long.name, this.state.networks)}`, ...long.rest].join(','));
          longForm = long !== undefined;
          break;
        }
        case 'pid':
        case 'ipc':
        case 'uts':
        case 'volumes-from':
          out.push(`--${flag}`, this.container(value));
          break;
        case 'link': {
          // Without an alias, --link makes the container's name resolvable: keep the topic's name.
          const [target = '', alias] = value.split(':');
          out.push('--link', `${this.prefixed(target, this.state.containers)}:${alias ?? target}`);
          break;
        }
        case 'volume':
          out.push('--volume', this.volume(value));
          break;
        default:
          if (option.short && flag.endsWith('v') && option.value !== undefined) out.push(`-${flag}`, this.volume(value));
          else out.push(...withoutTty(option));
      }
    }
    // On a user-defined network the topic's container name must resolve as the topic shows it
    // (the long form takes it as one more alias: the CLI refuses --network-alias next to it).
    if (name !== undefined && isUserNetwork(network)) {
      if (!longForm) out.push('--network-alias', name);
      else {
        const at = out.findIndex((a, n) => n > 0 && (out[n - 1] === '--network' || out[n - 1] === '--net') && a.startsWith('name='));
        out[at] = `${out[at]},alias=${name}`;
      }
    }
    const image = args[i];
    if (image === undefined) return { kind: 'run', argv: out };
    const mapped = mapImage(image, args.slice(i + 1));
    if (!mapped) return { kind: 'run', argv: [...out, ...args.slice(i)], ...(plausibleReference(image) ? { unknownImage: image } : {}) };
    return { kind: 'run', argv: [...out, mapped.image, ...mapped.command] };
  }

  volume(spec: string): string {
    const [source = '', ...rest] = spec.split(':');
    return [this.prefixed(source, this.state.volumes), ...rest].join(':');
  }

  created(list: string[], name: string): void {
    if (name !== '' && !list.includes(name)) list.push(name);
  }

  exec(args: readonly string[]): Rewrite {
    const out: string[] = ['exec'];
    let i = 0;
    while (i < args.length) {
      const option = readOption(args, i, (n) => EXEC_VALUE_OPTIONS.has(n));
      if (!option) break;
      i = option.next;
      out.push(...withoutTty(option));
    }
    if (i < args.length) out.push(this.container(args[i]!), ...args.slice(i + 1));
    return { kind: 'run', argv: out };
  }

  /**
   * Options kept as they are; positionals naming the block's resources get the prefix, or go
   * through `each` (called with the positional and its ordinal) when given.
   */
  positionals(head: readonly string[], args: readonly string[], extra: readonly string[] = [], each?: (arg: string, n: number) => string): string[] {
    const out: string[] = [...head, ...extra];
    const takesValue = VALUE_OPTIONS[head.join(' ')] ?? DEFAULT_VALUE_OPTIONS;
    let n = 0;
    for (let i = 0; i < args.length; ) {
      const option = args[i] === '--' ? undefined : readOption(args, i, (name) => takesValue.has(name));
      if (!option) {
        out.push(each ? each(args[i]!, n++) : this.any(args[i]!));
        i++;
        continue;
      }
      out.push(...option.tokens);
      i = option.next;
    }
    return out;
  }

  /** `network create NAME` / `volume create NAME`: labelled, prefixed, remembered. */
  create(head: readonly string[], args: readonly string[], list: string[]): string[] {
    return this.positionals(head, args, ['--label', this.label], (arg, n) => {
      if (n > 0) return arg;
      this.created(list, arg);
      return this.state.namePrefix + arg;
    });
  }

  network(args: readonly string[]): Rewrite {
    const [action = '', ...rest] = args;
    const head = ['network', action];
    switch (action) {
      case 'create':
        return { kind: 'run', argv: this.create(head, rest, this.state.networks) };
      case 'connect': {
        const names: string[] = [];
        const argv = this.positionals(head, rest, [], (arg) => {
          names.push(arg);
          return this.any(arg);
        });
        const [net, container] = names;
        // Connected under its prefixed name, the container keeps the topic's name as an alias.
        if (container !== undefined && this.state.containers.includes(container) && isUserNetwork(net)) argv.splice(2, 0, '--alias', container);
        return { kind: 'run', argv };
      }
      case 'ls':
      case 'list':
        return { kind: 'run', argv: [...head, ...rest], filterNetworkList: true };
      case 'prune':
        return { kind: 'run', argv: [...head, ...rest, '--filter', `label=${this.label}`] };
      default:
        return { kind: 'run', argv: this.positionals(head, rest) };
    }
  }

  rewrite(argv: readonly string[]): Rewrite {
    let i = 0;
    while (i < argv.length) {
      const option = readOption(argv, i, (n) => GLOBAL_VALUE_OPTIONS.has(n));
      if (!option) break;
      if (['host', 'H', 'context', 'c'].includes(option.name)) return refuse('verify-commands runs every command against one engine: drop -H/--context');
      i = option.next;
    }
    const global = argv.slice(0, i);
    let [sub = '', ...args] = argv.slice(i);
    // `docker container run` is `docker run`, and so on.
    if (sub === 'container' && args.length > 0) {
      const [action = '', ...rest] = args;
      const alias: Record<string, string> = { ls: 'ps', list: 'ps', rm: 'rm', remove: 'rm' };
      sub = alias[action] ?? action;
      args = rest;
      if (action === 'prune') return { kind: 'run', argv: [...global, 'container', 'prune', ...args, '--filter', `label=${this.label}`] };
    }
    const run = (rest: string[]): Rewrite => ({ kind: 'run', argv: [...global, ...rest] });
    const withGlobal = (r: Rewrite): Rewrite => (r.kind === 'run' ? { ...r, argv: [...global, ...r.argv] } : r);
    switch (sub) {
      case 'run':
      case 'create':
        return withGlobal(this.runOrCreate(sub, args));
      case 'exec':
        return withGlobal(this.exec(args));
      case 'network':
        return withGlobal(this.network(args));
      case 'ps':
        return run(['ps', ...args, '--filter', `label=${this.label}`]);
      case 'volume': {
        const [action = '', ...rest] = args;
        if (action === 'create') return run(this.create(['volume', 'create'], rest, this.state.volumes));
        if (action === 'ls' || action === 'list' || action === 'prune') return run(['volume', action, ...rest, '--filter', `label=${this.label}`]);
        return run(this.positionals(['volume', action], rest));
      }
      case 'system':
        if (args[0] === 'prune') return run(['system', 'prune', ...args.slice(1), '--filter', `label=${this.label}`]);
        return run(['system', ...args]);
      case 'image':
        if (args[0] === 'prune') return run(['image', 'prune', ...args.slice(1), '--filter', `label=${this.label}`]);
        if (args[0] === 'rm' || args[0] === 'remove') return refuse('verify-commands keeps the engine’s images: no `docker image rm`');
        return run(['image', ...args]);
      case 'rmi':
        return refuse('verify-commands keeps the engine’s images: no `docker rmi`');
      case 'swarm':
      case 'node':
        return refuse('verify-commands does not change the engine’s swarm membership: tag the block illustrative:multi-host');
      case 'service':
      case 'stack':
        if (['create', 'deploy', 'update', 'scale', 'up'].includes(args[0] ?? '')) return refuse('verify-commands does not start swarm services: tag the block illustrative:multi-host');
        return run([sub, ...args]);
      case 'plugin':
      case 'context':
      case 'login':
      case 'logout':
        return refuse(`verify-commands does not run \`docker ${sub}\`: it changes the engine or the client’s configuration`);
      case 'compose':
        return { kind: 'compose', args };
      default:
        return run(this.positionals([sub], args));
    }
  }
}

function refuse(message: string): Rewrite {
  return { kind: 'refuse', message };
}

/** What runs instead of `docker <argv>` inside a verified block; records in `state` the names it creates. */
export function rewriteDockerArgs(argv: readonly string[], state: WrapperState): Rewrite {
  return new Rewriter(state).rewrite(argv);
}
