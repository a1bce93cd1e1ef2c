/** Types for bin/build.js (plain JavaScript: it runs before anything is compiled). */
export declare const BUNDLE: string;
export declare function ensureBundle(options?: { force?: boolean }): Promise<string>;
