/**
 * The Simplified → Traditional converter runs in a worker thread. Building opencc-js's phrase
 * tables takes 0.7 s on an idle 2-core machine and up to 2 s on a busy one, synchronously: on
 * the bot's own thread that would stall every interaction in flight (and Discord gives 3 s).
 * In a worker the build blocks nothing, and its memory (about 80 MiB resident) is spent only
 * once a zh-TW member shows up. The worker keeps the process alive only while it builds or
 * converts, and if it fails, texts come back unconverted: a member then reads Simplified
 * rather than an error.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Converts a batch of texts, in order. */
export type BatchConvert = (texts: readonly string[]) => Promise<string[]>;

/** The worker's code: CommonJS, given the resolved path of opencc-js's `cn2t` build. */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Converter } = require(workerData.module);
const convert = Converter({ from: 'cn', to: 'tw' });
parentPort.on('message', ({ id, texts }) => parentPort.postMessage({ id, texts: texts.map((t) => convert(t)) }));
parentPort.postMessage({ ready: true });
`;

interface Reply {
  readonly ready?: true;
  readonly id?: number;
  readonly texts?: string[];
}

const unchanged: BatchConvert = async (texts) => [...texts];

/** Starts the worker; resolves once its converter is built (or, if it cannot start, to a converter that changes nothing). */
export function startTraditionalWorker(): Promise<BatchConvert> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      const module = createRequire(import.meta.url).resolve('opencc-js/cn2t');
      worker = new Worker(WORKER_CODE, { eval: true, workerData: { module } });
    } catch {
      resolve(unchanged);
      return;
    }
    const pending = new Map<number, { texts: readonly string[]; done: (texts: string[]) => void }>();
    let next = 0;
    let failed = false;
    const convert: BatchConvert = (texts) =>
      failed
        ? unchanged(texts)
        : new Promise((done) => {
            const id = next++;
            if (pending.size === 0) worker.ref();
            pending.set(id, { texts, done });
            worker.postMessage({ id, texts });
          });
    const fail = () => {
      failed = true;
      for (const { texts, done } of pending.values()) done([...texts]);
      pending.clear();
      resolve(unchanged);
    };
    // The worker keeps the process alive only while it is building or converting something.
    worker.on('message', (reply: Reply) => {
      if (reply.ready) {
        if (pending.size === 0) worker.unref();
        return resolve(convert);
      }
      const request = reply.id === undefined ? undefined : pending.get(reply.id);
      if (!request || !reply.texts) return;
      pending.delete(reply.id!);
      if (pending.size === 0) worker.unref();
      request.done(reply.texts);
    });
    worker.on('error', fail);
    worker.on('exit', fail);
  });
}
