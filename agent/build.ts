/**
 * Builds the agent into one file, `agent/dist/linewatch-agent.mjs` (plus an
 * external source map and esbuild's metafile), run with plain `node`: no tsx,
 * no node_modules on the box. `pnpm build:agent` runs this file.
 *
 * Why a bundle: under tsx the agent needs ~105 MB RSS (tsx's esbuild
 * transform service and module graph); bundled it fits the 60 MB budget of
 * issue 3 with the flags in {@link nodeFlags}. What each option measured is in
 * agent/INSTALL.md ("Memory and CPU").
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const agentDir = dirname(fileURLToPath(import.meta.url));
const rootDir = resolve(agentDir, '..');

/** The bundle; copy this one file to the box. */
export const bundlePath = join(agentDir, 'dist', 'linewatch-agent.mjs');
const metafilePath = join(agentDir, 'dist', 'linewatch-agent.meta.json');

/**
 * The production `node` flags (the systemd unit's ExecStart and the
 * resource benchmark use exactly these; a test keeps the unit in step).
 * - `--max-semi-space-size=1` (MB): the young generation is the largest
 *   avoidable chunk of RSS; the agent allocates little per round, so a
 *   1 MB semi-space only means more, shorter scavenges.
 * - `--max-old-space-size=32` (MB): the old generation stays ~10 MB; the cap
 *   makes V8 collect before it grows the heap, and would end a leak with an
 *   out-of-memory crash (systemd restarts the agent; samples are re-sent).
 * - `--v8-pool-size=1`: one V8 background thread instead of one per core
 *   (their stacks and heaps cost RSS; the agent has nothing to parallelize).
 */
export const nodeFlags = ['--max-semi-space-size=1', '--max-old-space-size=32', '--v8-pool-size=1'] as const;

/** The production environment of the agent's process (the unit's `Environment=` lines). */
export const agentEnv: Record<string, string> = {};

/**
 * Runs before any bundled module: `require`, `__filename` and `__dirname`
 * for CommonJS dependencies, and zod's global config, which must be set
 * before the first schema is built (zod reads `jitless` at construction).
 * Jitless zod interprets object schemas instead of compiling a parser per
 * schema with `new Function`; the agent parses one config and a few
 * messages per round, so the compiled fast path only costs memory.
 */
const banner = [
  '#!/usr/bin/env node',
  "import { createRequire as __lwCreateRequire } from 'node:module';",
  "import { fileURLToPath as __lwFileURLToPath } from 'node:url';",
  'const require = __lwCreateRequire(import.meta.url);',
  'const __filename = __lwFileURLToPath(import.meta.url);',
  "const __dirname = __lwFileURLToPath(new URL('.', import.meta.url));",
  'globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };',
].join('\n');

/** Drops the entry's `npx tsx` shebang; the bundle gets `node`'s (see the banner). */
const stripShebang: Plugin = {
  name: 'strip-shebang',
  setup(b) {
    b.onLoad({ filter: /[\\/]agent[\\/]src[\\/]cli\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/^#!.*\n/, ''),
      loader: 'ts',
    }));
  },
};

/**
 * Dependency modules the agent cannot reach, replaced in the bundle by a
 * stub so they are neither parsed nor kept (V8 keeps every script's source
 * and the functions it declares). Each is reachable only through an option
 * the agent never sets; the stub throws should that ever change.
 */
const unreachable: { filter: RegExp; why: string; contents: string }[] = [
  {
    // `z.locales`: ~50 translations (260 KB, a quarter of the bundle). The
    // agent's schemas carry their own messages; English stays the fallback.
    filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/,
    why: 'zod locales other than en',
    contents: 'export { default as en } from "./en.js";',
  },
  {
    // pino's worker-thread transports (`pino.transport()`); the agent logs
    // to a synchronous stdout destination (src/logger.ts).
    filter: /[\\/]thread-stream[\\/]index\.js$/,
    why: 'pino transports',
    contents:
      'module.exports = class { constructor() { throw new Error("pino transports are not in the agent bundle"); } };',
  },
  {
    // MQTT through a SOCKS proxy (`socksProxy`, with ip-address and smart-buffer).
    filter: /[\\/]mqtt[\\/]build[\\/]lib[\\/]connect[\\/]socks\.js$/,
    why: 'mqtt socksProxy',
    contents: 'exports.default = () => { throw new Error("socksProxy is not in the agent bundle"); };',
  },
  {
    // Timers in a browser web worker (`timerVariant: "worker"`).
    filter: /[\\/]worker-timers[\\/]build[\\/]es5[\\/]bundle\.js$/,
    why: 'mqtt web-worker timers',
    contents:
      'const no = () => { throw new Error("worker timers are not in the agent bundle"); }; module.exports = { setInterval: no, clearInterval: no, setTimeout: no, clearTimeout: no };',
  },
];

const stubUnreachable: Plugin = {
  name: 'stub-unreachable',
  setup(b) {
    const hits = new Set<string>();
    for (const { filter, why, contents } of unreachable) {
      b.onLoad({ filter }, () => {
        hits.add(why);
        return { contents, loader: 'js' };
      });
    }
    // A dependency update that moves one of these files must not silently
    // bundle it again: the build fails instead.
    b.onEnd((result) => {
      const missed = unreachable.filter((u) => !hits.has(u.why)).map((u) => u.why);
      if (missed.length > 0 && result.errors.length === 0) {
        result.errors.push({
          id: 'stub-unreachable',
          pluginName: 'stub-unreachable',
          text: `stubbed modules not found (dependency layout changed?): ${missed.join(', ')}`,
          location: null,
          notes: [],
          detail: undefined,
        });
      }
    });
  },
};

/**
 * Bundles `agent/src/cli.ts` and every dependency into {@link bundlePath}.
 *
 * @example
 * const { bytes } = await buildAgent();
 */
export async function buildAgent(): Promise<{ path: string; bytes: number }> {
  const result = await build({
    entryPoints: [join(agentDir, 'src', 'cli.ts')],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Smaller source is smaller V8 heap: V8 keeps every script's source
    // for lazy compilation. Stack traces map back with the .map file.
    minify: true,
    legalComments: 'external',
    sourcemap: 'external',
    banner: { js: banner },
    plugins: [stripShebang, stubUnreachable],
    absWorkingDir: rootDir,
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(metafilePath, JSON.stringify(result.metafile));
  return { path: bundlePath, bytes: statSync(bundlePath).size };
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Whether the bundle is missing or older than one of its inputs (as the
 * last build's metafile lists them) or this build script.
 */
export function bundleIsStale(): boolean {
  const built = mtimeMs(bundlePath);
  if (!Number.isFinite(built) || !Number.isFinite(mtimeMs(metafilePath))) return true;
  const meta = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
  const inputs = [fileURLToPath(import.meta.url), ...Object.keys(meta.inputs).map((p) => join(rootDir, p))];
  return inputs.some((input) => mtimeMs(input) > built);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { path, bytes } = await buildAgent();
  console.log(`built ${relative(rootDir, path)} (${Math.round(bytes / 1024)} KiB)`);
}
