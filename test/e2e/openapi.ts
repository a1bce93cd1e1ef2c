/**
 * Every request body netlab sends to Discord, checked against Discord's own OpenAPI description
 * (discord/discord-api-spec). The spec is read from ../shared next to the checkout, as CI has it;
 * it is not copied into the repository. A missing spec fails the test run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { REPO_ROOT } from '../../src/paths.ts';

export const OPENAPI_PATH = join(REPO_ROOT, '..', 'shared', 'reference', 'discord-openapi.json');

interface Spec {
  readonly paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
  readonly components: unknown;
}

let loaded: { spec: Spec; routes: { pattern: RegExp; template: string }[]; cache: Map<string, ValidateFunction | null>; ajv: Ajv2020 } | undefined;

function load() {
  if (loaded) return loaded;
  if (!existsSync(OPENAPI_PATH)) throw new Error(`Discord's OpenAPI description is missing at ${OPENAPI_PATH} (shared/reference/discord-openapi.json next to the checkout)`);
  const spec = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Spec;
  // OpenAPI 3.1 is JSON Schema 2020-12 plus its own keywords and formats (snowflake, int64, …).
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'discord', components: spec.components });
  const routes = Object.keys(spec.paths).map((template) => ({ template, pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  loaded = { spec, routes, cache: new Map(), ajv };
  return loaded;
}

/** Refs into the spec's components, rewritten to the schema registered as `discord`. */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"discord#/components/'));
}

/** What is wrong with a request body by Discord's spec: [] when it conforms (or the route takes no body). */
export function openApiProblems(method: string, path: string, body: unknown): string[] {
  if (body === undefined || body === null || method === 'GET' || method === 'DELETE') return [];
  const { spec, routes, cache, ajv } = load();
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) return [`${method} ${path}: not a route in Discord's API description`];
  const key = `${method} ${route.template}`;
  if (!cache.has(key)) {
    const schema = spec.paths[route.template]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
    cache.set(key, schema === undefined ? null : ajv.compile(rebase(schema) as object));
  }
  const validate = cache.get(key);
  if (validate === null || validate === undefined) return [];
  if (validate(body)) return [];
  return (validate.errors ?? []).slice(0, 5).map((e) => `${key}: ${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}`);
}
