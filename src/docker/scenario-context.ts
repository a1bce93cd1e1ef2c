/**
 * The context one run gives its scenario: containers from the ContainerSource, temporary
 * networks owned by the run, fixed commands with output capped at the source and a time budget
 * that ends at the run's deadline. It records what members will see, in order.
 */
import type { SandboxConfig } from '../config.ts';
import { abortable } from './engine/abortable.ts';
import { batchCommands, FEED_END_MARK, feedText, splitBatchOutput } from './command-batch.ts';
import type { ContainerSource } from './container-source.ts';
import type { Engine, NetworkRow } from './engine/engine.ts';
import { DemoCommandFailedError } from './errors.ts';
import { netlabLabels } from './labels.ts';
import { redactHostAddresses } from './redact.ts';
import type { DemoRun } from './run.ts';
import type { CommandOutput, DemoContainer, DemoNetwork, FixedCommand, HostView, RunCommandOptions, ScenarioContext } from './scenario.ts';
import type { DemoContainerResult, DemoNetworkFacts } from './result.ts';

/** The bridge driver's host interface: the name the organiser set, else Docker's br-<first 12 of the id>. */
export function bridgeInterfaceOf(row: NetworkRow): string | undefined {
  if (row.driver !== 'bridge') return undefined;
  return row.options?.['com.docker.network.bridge.name'] ?? `br-${row.id.slice(0, 12)}`;
}

export interface CollectedRun {
  readonly containers: DemoContainerResult[];
  readonly outputs: Record<string, string>;
  readonly networks: DemoNetworkFacts[];
  /** Set once a host view looked. */
  hostSide: Record<string, string> | undefined;
  truncated: boolean;
  /** Wall time spent creating containers and networks. */
  createMs: number;
  /** Containers the warm pool served. */
  warm: number;
}

export interface ScenarioContextInput {
  readonly config: SandboxConfig;
  readonly engine: Engine;
  readonly source: ContainerSource;
  readonly run: DemoRun;
  readonly signal: AbortSignal;
  readonly deadlineAt: number;
  /** The container that shows the host's side (the owner lease in the host namespace), if any. */
  readonly observer?: () => Promise<string | undefined>;
}

export function createScenarioContext(input: ScenarioContextInput): { context: ScenarioContext; collected: CollectedRun } {
  const { config, engine, source, run, signal, deadlineAt } = input;
  const collected: CollectedRun = { containers: [], outputs: {}, networks: [], hostSide: undefined, truncated: false, createMs: 0, warm: 0 };
  const outputsOf = new Map<string, Record<string, string>>();

  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      collected.createMs += performance.now() - started;
    }
  };

  /** Containers whose shell got its final script: they have exited or are about to. */
  const finished = new Set<string>();
  const stillWaiting = (container: DemoContainer) => {
    if (finished.has(container.id)) throw new Error(`scenario bug: ${container.name} already ran its final commands`);
  };

  const exec = async (container: DemoContainer, command: FixedCommand) => {
    stillWaiting(container);
    signal.throwIfAborted();
    const result = await abortable(
      engine.exec(container.id, command.argv, { maxBytes: config.outputCapBytes, timeoutMs: Math.max(1, deadlineAt - Date.now()), signal }),
      signal,
    );
    if (result.truncated) collected.truncated = true;
    return result;
  };

  /** What members see of any output: host addresses masked (redact.ts) unless the organiser turned that off. */
  const shown = (text: string) => redactHostAddresses(text, { enabled: config.redactHost });

  /** Keeps what members will see; a failed command is a broken demo unless the scenario expects it. */
  const record = (container: DemoContainer, command: FixedCommand, text: string, exitCode: number | null, stderr: string, options: RunCommandOptions) => {
    const tolerated = options.allowFailure === true || (Array.isArray(options.allowFailure) && options.allowFailure.includes(command));
    if (!tolerated && exitCode !== 0 && !collected.truncated) throw new DemoCommandFailedError(command.label, exitCode, stderr);
    const outputs = outputsOf.get(container.id);
    if (outputs) outputs[command.label] = shown(text);
  };

  const splitAndRecord = <const T extends readonly FixedCommand[]>(container: DemoContainer, commands: T, stdout: string, truncated: boolean, options: RunCommandOptions) => {
    const outputs = splitBatchOutput(stdout, commands.length).map((part, i): CommandOutput => {
      record(container, commands[i]!, part.text, part.exitCode, part.text, options);
      return { stdout: part.text, stderr: '', exitCode: part.exitCode, truncated };
    });
    return outputs as { -readonly [K in keyof T]: CommandOutput };
  };

  const context: ScenarioContext = {
    config,
    runId: run.runId,
    signal,
    // Only reads and swarm init: scenarios cannot reach the engine's write operations directly.
    engine: {
      info: () => engine.info(),
      inspectNetwork: (idOrName) => engine.inspectNetwork(idOrName),
      listNetworks: (filter) => engine.listNetworks(filter),
      swarmInit: (options) => engine.swarmInit(options),
    },

    startContainer: (name, needs, shownNetworkMode) =>
      timed(async () => {
        const { id, engineName, warm } = await source.acquire(needs, run, signal);
        if (warm) collected.warm++;
        const container: DemoContainer = { id, name, role: needs.role, networkMode: shownNetworkMode ?? needs.network.kind, engineName };
        const outputs: Record<string, string> = {};
        outputsOf.set(id, outputs);
        collected.containers.push({ name, role: needs.role, networkMode: container.networkMode, outputs });
        return container;
      }),

    createNetwork: (friendlyName, driver) =>
      timed(async () => {
        signal.throwIfAborted();
        const name = `netlab-${run.runId}-${friendlyName.replace(/^demo-/, '')}`;
        const labels = netlabLabels({ runId: run.runId, scenario: run.scenario, expiresAt: run.expiresAt, ...(run.owner ? { owner: run.owner } : {}) });
        const creation = engine.createNetwork({ name, driver, attachable: driver === 'overlay', labels }).then(async (n) => ({ ...n, owned: await run.adoptNetwork(n.id) }));
        const created = await abortable(creation, signal);
        if (!created.owned) throw signal.reason;
        const network: DemoNetwork = { id: created.id, name, friendlyName };
        return network;
      }),

    async run(container: DemoContainer, command: FixedCommand, options: RunCommandOptions = {}): Promise<CommandOutput> {
      const result = await exec(container, command);
      const text = [result.stdout, result.stderr].filter((t) => t.length > 0).join('\n');
      record(container, command, text, result.exitCode, result.stderr, options);
      return result;
    },

    async runAll<const T extends readonly FixedCommand[]>(container: DemoContainer, commands: T, options: RunCommandOptions = {}) {
      const result = await exec(container, batchCommands(commands));
      return splitAndRecord(container, commands, result.stdout, result.truncated, options);
    },

    async runFinal<const T extends readonly FixedCommand[]>(container: DemoContainer, commands: T, options: RunCommandOptions = {}) {
      stillWaiting(container);
      signal.throwIfAborted();
      finished.add(container.id);
      const fed = await abortable(
        engine.feedScript(container.id, feedText(commands), { maxBytes: config.outputCapBytes, timeoutMs: Math.max(1, deadlineAt - Date.now()), signal, endMarker: FEED_END_MARK }),
        signal,
      );
      if (fed.truncated) collected.truncated = true;
      // A shell that died before the end marker shows what it printed; the missing exit codes fail the demo.
      const text = fed.completed ? fed.stdout : fed.stdout + fed.stderr;
      return splitAndRecord(container, commands, text, fed.truncated, options);
    },

    show(label: string, text: string): void {
      collected.outputs[label] = shown(text);
    },

    async observeNetwork(idOrName: string, shownAs: string): Promise<DemoNetworkFacts> {
      signal.throwIfAborted();
      const row = await abortable(engine.inspectNetwork(idOrName), signal);
      const bridge = bridgeInterfaceOf(row);
      const facts: DemoNetworkFacts = { shownAs, driver: row.driver, subnets: row.subnets, options: row.options ?? {}, ...(bridge ? { bridge } : {}) };
      collected.networks.push(facts);
      return facts;
    },

    hostView(): HostView | undefined {
      const { observer } = input;
      if (!config.hostScenario || !observer) return undefined;
      return {
        async look(commands, options = {}) {
          const id = await abortable(observer(), signal);
          if (!id) throw new Error('no observer in the host namespace');
          const outputs: Record<string, string> = {};
          collected.hostSide = outputs;
          outputsOf.set(id, outputs);
          const view: DemoContainer = { id, name: 'host-side', role: 'host-side', networkMode: 'host', engineName: '' };
          // An exec in the standing observer (owner.ts): its shell is the lease, never fed a script.
          const result = await exec(view, batchCommands(commands));
          return splitAndRecord(view, commands, result.stdout, result.truncated, options);
        },
      };
    },
  };
  return { context, collected };
}
