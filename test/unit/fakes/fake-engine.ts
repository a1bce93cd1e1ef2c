/**
 * An in-memory Engine for unit tests of the runner, reaper and facade (and for anyone who needs
 * a sandbox without Docker). It keeps containers and networks in maps, records every call and
 * answers exec (and scripts fed to a container's shell) through a handler the test supplies.
 * Not wired into production code.
 */
import { FEED_END_MARK } from '../../../src/docker/command-batch.ts';
import type { CommandOutput, ContainerInspect, ContainerRow, ContainerSpec, Engine, EngineInfo, ExecOptions, FeedOptions, FeedResult, Labels, NetworkRow, NetworkSpec, StdinHold } from '../../../src/docker/engine/engine.ts';
import { DockerApiError, EngineUnavailableError } from '../../../src/docker/errors.ts';

export type ExecHandler = (container: FakeContainer, cmd: readonly string[], options: ExecOptions) => Promise<CommandOutput> | CommandOutput;

export interface FakeContainer {
  readonly id: string;
  readonly spec: ContainerSpec;
  running: boolean;
}

/** A batch script's commands (command-batch.ts), one part each; a command may span several lines. */
export const batchParts = (script: string): string[] => script.split(/echo "__netlab_exit__ \$\?"\n?/).filter((part) => part.trim() !== '');

const matches = (labels: Labels, filter: Labels) => Object.entries(filter).every(([k, v]) => labels[k] === v);

export class FakeEngine implements Engine {
  readonly containers = new Map<string, FakeContainer>();
  readonly networks = new Map<string, NetworkRow>();
  /** Every network ever created, in order (they stay here after removal). */
  readonly createdNetworks: NetworkSpec[] = [];
  readonly calls: string[] = [];
  /** When set, every call rejects with EngineUnavailableError (a dead engine). */
  dead = false;
  /** The most containers that existed at once (for the limits' bound). */
  peakContainers = 0;
  /** Every container ever created, in order (they stay here after removal). */
  readonly created: ContainerSpec[] = [];
  private readonly holds = new Set<() => void>();
  swarmManager = false;
  imagePresent = true;
  /** What each command prints, by the label a member would type. */
  readonly outputs: Record<string, string> = {
    'ip addr': '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n',
    'ip route': '',
  };
  onExec: ExecHandler = (_container, cmd) => ({ stdout: this.answer(cmd), stderr: '', exitCode: 0, truncated: false });
  private nextId = 1;

  /** Answers single commands and command batches (see command-batch.ts) from `outputs`. */
  private answer(cmd: readonly string[]): string {
    const script = cmd[0] === 'sh' && cmd[1] === '-c' ? (cmd[2] ?? '') : undefined;
    if (script === undefined || !script.includes('__netlab_exit__')) return this.outputs[cmd.join(' ')] ?? '';
    return batchParts(script)
      .map((line) => `${this.outputs[[...line.matchAll(/'([^']*)'/g)].map((m) => m[1]).join(' ')] ?? ''}__netlab_exit__ 0\n`)
      .join('');
  }

  private touch(call: string): void {
    this.calls.push(call);
    if (this.dead) throw new EngineUnavailableError('unix:///fake.sock', `${call}: ENOENT`, { cause: new Error('connect ENOENT (fake)') });
  }

  private container(id: string, operation: string): FakeContainer {
    const container = this.containers.get(id);
    if (!container) throw new DockerApiError(operation, 404);
    return container;
  }

  async ping(): Promise<void> {
    this.touch('ping');
  }

  async version() {
    this.touch('version');
    return { version: 'fake', apiVersion: '1.41', os: 'linux', arch: 'amd64', kernel: 'fake' };
  }

  async info(): Promise<EngineInfo> {
    this.touch('info');
    return { swarm: { state: this.swarmManager ? 'active' : 'inactive', isManager: this.swarmManager }, containersRunning: this.containers.size, cpus: 2, memTotalBytes: 2 ** 31 };
  }

  async imageExists(): Promise<boolean> {
    this.touch('imageExists');
    return this.imagePresent;
  }

  async pullImage(): Promise<void> {
    this.touch('pullImage');
    throw new DockerApiError('image pull', 404);
  }

  async createContainer(spec: ContainerSpec): Promise<{ id: string }> {
    this.touch('createContainer');
    if (!this.imagePresent) throw new DockerApiError('container create', 404);
    const id = `fake${String(this.nextId++).padStart(8, '0')}`;
    this.containers.set(id, { id, spec, running: false });
    this.created.push(spec);
    this.peakContainers = Math.max(this.peakContainers, this.containers.size);
    return { id };
  }

  async startContainer(id: string): Promise<void> {
    this.touch('startContainer');
    this.container(id, 'container start').running = true;
  }

  async exec(id: string, cmd: readonly string[], options: ExecOptions): Promise<CommandOutput> {
    this.touch('exec');
    return this.onExec(this.container(id, 'exec create'), cmd, options);
  }

  /** The fed batch goes through the same handler as an exec of `sh -c <batch>`; the shell then exits. */
  async feedScript(id: string, script: string, options: FeedOptions): Promise<FeedResult> {
    this.touch('feedScript');
    const container = this.container(id, 'container attach');
    const batch = script.replace(/^\n/, '').replace(`\necho ${FEED_END_MARK}\nexit\n`, '');
    const result = await this.onExec(container, ['sh', '-c', batch], options);
    container.running = false;
    const completed = !result.truncated && result.exitCode !== null;
    return { stdout: completed ? `${result.stdout}${FEED_END_MARK}\n` : result.stdout, stderr: result.stderr, truncated: result.truncated, completed };
  }


  /** Holds a container's stdin; `dropHolds()` plays the connection going away. */
  async holdStdin(id: string): Promise<StdinHold> {
    this.touch('holdStdin');
    const container = this.container(id, 'container attach');
    let end!: () => void;
    const closed = new Promise<void>((resolve) => {
      end = () => {
        container.running = false; // stdin ended: the waiting shell exits
        resolve();
      };
    });
    this.holds.add(end);
    return {
      closed,
      release: () => {
        this.holds.delete(end);
        end();
      },
    };
  }

  /** Every held stdin closes (the engine restarted, say); the waiting shells exit. */
  dropHolds(): void {
    for (const end of this.holds) end();
    this.holds.clear();
  }

  async removeContainer(id: string): Promise<void> {
    this.touch('removeContainer');
    const byName = [...this.containers.values()].find((c) => c.spec.name === id);
    this.containers.delete(byName?.id ?? id);
  }

  async inspectContainer(id: string): Promise<ContainerInspect> {
    this.touch('inspectContainer');
    const { spec, running } = this.container(id, 'container inspect');
    return {
      Id: id,
      Name: `/${spec.name}`,
      State: { Status: running ? 'running' : 'created', Running: running, Pid: running ? 4242 : 0, StartedAt: running ? new Date(0).toISOString() : '0001-01-01T00:00:00Z' },
      Config: { User: spec.User, Image: spec.Image, Labels: spec.Labels, Cmd: spec.Cmd },
      HostConfig: { ...spec.HostConfig, NanoCpus: 0, CapAdd: spec.HostConfig.CapAdd, CapDrop: spec.HostConfig.CapDrop, SecurityOpt: spec.HostConfig.SecurityOpt },
      Mounts: [],
      NetworkSettings: { Networks: {} },
    };
  }

  async listContainers(filter: { labels: Labels }): Promise<ContainerRow[]> {
    this.touch('listContainers');
    return [...this.containers.values()]
      .filter((c) => matches(c.spec.Labels, filter.labels))
      .map((c) => ({ id: c.id, name: c.spec.name, state: c.running ? 'running' : 'created', labels: c.spec.Labels }));
  }

  async createNetwork(spec: NetworkSpec): Promise<{ id: string }> {
    this.touch('createNetwork');
    this.createdNetworks.push(spec);
    const id = `net${String(this.nextId++).padStart(8, '0')}`;
    this.networks.set(id, { id, name: spec.name, driver: spec.driver, scope: spec.driver === 'overlay' ? 'swarm' : 'local', labels: spec.labels, subnets: [{ subnet: '172.30.0.0/16' }] });
    return { id };
  }

  async removeNetwork(id: string): Promise<void> {
    this.touch('removeNetwork');
    this.networks.delete(id);
  }

  async inspectNetwork(idOrName: string): Promise<NetworkRow> {
    this.touch('inspectNetwork');
    const found = [...this.networks.values()].find((n) => n.id === idOrName || n.name === idOrName);
    if (found) return found;
    if (idOrName === 'bridge') return { id: 'bridge0000', name: 'bridge', driver: 'bridge', scope: 'local', labels: {}, subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }] };
    // A swarm manager has the bridge its overlay containers leave through.
    if (idOrName === 'docker_gwbridge' && this.swarmManager) return { id: 'gwbridge00', name: 'docker_gwbridge', driver: 'bridge', scope: 'local', labels: {}, subnets: [{ subnet: '172.18.0.0/16', gateway: '172.18.0.1' }] };
    throw new DockerApiError('network inspect', 404);
  }

  async listNetworks(filter?: { labels: Labels }): Promise<NetworkRow[]> {
    this.touch('listNetworks');
    const defaults: NetworkRow[] = [
      { id: 'bridge0000', name: 'bridge', driver: 'bridge', scope: 'local', labels: {}, subnets: [] },
      { id: 'host000000', name: 'host', driver: 'host', scope: 'local', labels: {}, subnets: [] },
      { id: 'none000000', name: 'none', driver: 'null', scope: 'local', labels: {}, subnets: [] },
    ];
    const all = [...defaults, ...this.networks.values()];
    return filter ? all.filter((n) => matches(n.labels, filter.labels)) : all;
  }

  async swarmInit(): Promise<void> {
    this.touch('swarmInit');
    this.swarmManager = true;
  }
}
