/**
 * `docker compose …` in a verified block runs Debian's docker-compose (1.29) with an override
 * file that maps the README's public images to the demo image, labels every container, network
 * and volume with the run's label, and prefixes the project name, as the docker wrapper does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { load } from 'js-yaml';
import { mapImage, VERIFY_LABEL, type WrapperState } from './verify-docker-args.ts';

export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const VALUE_OPTIONS = new Set(['-f', '--file', '-p', '--project-name', '--project-directory', '--env-file', '-H', '--host', '--context', '-c', '--log-level', '--profile']);

export interface ComposePlan {
  readonly argv: string[];
  readonly override: Record<string, unknown>;
}

type Mapping = Record<string, unknown>;
const mapping = (v: unknown): Mapping => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Mapping) : {});

/** Compose v1 keeps only these characters of a project name. */
export function projectName(name: string): string {
  return name.toLowerCase().replace(/[^-_a-z0-9]/g, '');
}

/** The docker-compose arguments and override file for `docker compose <args>` run in `cwd`. */
export function planCompose(args: readonly string[], cwd: string, state: WrapperState, overridePath: string): ComposePlan | { error: string } {
  const files: string[] = [];
  let project: string | undefined;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const [flag = '', inline] = args[i]!.split(/=(.*)/s);
    const value = inline ?? (VALUE_OPTIONS.has(flag) ? args[++i] : undefined);
    if (flag === '-f' || flag === '--file') files.push(value ?? '');
    else if (flag === '-p' || flag === '--project-name') project = value;
  }
  if (files.length === 0) {
    const found = COMPOSE_FILES.find((f) => existsSync(join(cwd, f)));
    if (!found) return { error: `no ${COMPOSE_FILES.join(', ')} in the block's directory: show the file in a \`\`\`yaml block right before the \`\`\`console run block` };
    files.push(found);
  }
  const docs = files.map((f) => mapping(load(readFileSync(join(cwd, f), 'utf8'))));
  const projectKey = projectName(project ?? basename(cwd));
  const label = { [VERIFY_LABEL]: state.runId };
  const services: Mapping = {};
  const networks: Mapping = { default: { labels: label } };
  const volumes: Mapping = {};
  for (const doc of docs) {
    for (const [name, raw] of Object.entries(mapping(doc['services']))) {
      const service = mapping(raw);
      const entry: Mapping = { labels: label };
      if (typeof service['image'] === 'string') {
        const command = Array.isArray(service['command']) ? service['command'].map(String) : typeof service['command'] === 'string' ? ['sh', '-c', service['command']] : [];
        const mapped = mapImage(service['image'], command);
        if (mapped) {
          entry['image'] = mapped.image;
          if (mapped.command.length > 0) entry['command'] = mapped.command;
        }
      }
      // Compose v2 names containers <project>-<service>-1, as topics show; v1 would say <project>_<service>_1.
      const replicas = Number(mapping(service['deploy'])['replicas'] ?? service['scale'] ?? 1);
      if (typeof service['container_name'] === 'string') entry['container_name'] = state.namePrefix + service['container_name'];
      else if (replicas === 1) entry['container_name'] = `${state.namePrefix}${projectKey}-${name}-1`;
      services[name] = entry;
    }
    for (const [name, raw] of Object.entries(mapping(doc['networks']))) if (!mapping(raw)['external']) networks[name] = { labels: label };
    for (const [name, raw] of Object.entries(mapping(doc['volumes']))) if (!mapping(raw)['external']) volumes[name] = { labels: label };
  }
  const override: Mapping = { services, networks };
  if (Object.keys(volumes).length > 0) override['volumes'] = volumes;
  const version = docs.find((d) => d['version'] !== undefined)?.['version'];
  if (version !== undefined) override['version'] = version;
  const name = state.namePrefix + projectKey;
  const kept = args.slice(0, i).filter((a, n, all) => !['-p', '--project-name', '-f', '--file'].includes(a) && !['-p', '--project-name', '-f', '--file'].includes(all[n - 1] ?? '') && !/^(--project-name|--file)=/.test(a));
  return { argv: ['-p', name, ...files.flatMap((f) => ['-f', f]), '-f', overridePath, ...kept, ...args.slice(i)], override };
}
