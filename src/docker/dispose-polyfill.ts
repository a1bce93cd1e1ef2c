/**
 * `await using` needs Symbol.asyncDispose. Node 20.20 ships it, older 20.x lines do not;
 * define it once (as the well-known symbol TypeScript and esbuild look up) when missing.
 */
const symbols = Symbol as unknown as { asyncDispose?: symbol; dispose?: symbol };
symbols.asyncDispose ??= Symbol.for('Symbol.asyncDispose');
symbols.dispose ??= Symbol.for('Symbol.dispose');

export {};
