/**
 * Builds the agent into one file, `agent/dist/linewatch-agent.mjs` (plus an
 * external source map and esbuild's metafile), run with plain `node`: no tsx
 * on the box, and of node_modules only the one native module the bundle
 * cannot hold, better-sqlite3 (the outbox): beside the bundle goes a
 * `package.json` naming it, so `npm install --omit=dev` in that directory
 * is the whole install (agent/INSTALL.md). `pnpm build:agent` runs this file.
 *
 * Why a bundle: under tsx the agent needs ~100-120 MB RSS (tsx's esbuild
 * transform service and module graph); bundled it fits the 60 MB budget of
 * issue 3 (~55 MB peak) with the flags in {@link nodeFlags}. What each option measured is in
 * agent/INSTALL.md ("Memory and CPU").
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const agentDir = dirname(fileURLToPath(import.meta.url));
const rootDir = resolve(agentDir, '..');

/** The bundle; copy this one file to the box. */
export const bundlePath = join(agentDir, 'dist', 'linewatch-agent.mjs');
const metafileOf = (bundle: string) => bundle.replace(/\.mjs$/, '.meta.json');

/**
 * Dependencies that stay outside the bundle: native modules (a `.node`
 * binary per platform and Node.js ABI, built or downloaded by npm on the
 * box). The agent loads them lazily (`src/outbox/sqlite-db.ts`), so the
 * bundle's `--help`, `enroll` and `check` run without them.
 */
export const externalDependencies = ['better-sqlite3'] as const;

/**
 * The `package.json` written beside the bundle: the external dependencies
 * at the versions the agent is built and tested with (agent/package.json).
 */
export function runtimeManifest(): string {
  const agent = JSON.parse(readFileSync(join(agentDir, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
  };
  const dependencies = Object.fromEntries(
    externalDependencies.map((name) => {
      const version = agent.dependencies[name];
      if (!version) throw new Error(`${name} is not a dependency in agent/package.json`);
      return [name, version];
    }),
  );
  const manifest = {
    name: 'linewatch-agent-runtime',
    version: agent.version,
    private: true,
    description: 'Native modules of linewatch-agent.mjs: run "npm install --omit=dev" in this directory.',
    dependencies,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * The production `node` flags of `linewatch-agent run` (the systemd unit's
 * ExecStart and the resource benchmark use exactly these; a test keeps the
 * unit in step). Measured effect of each: agent/INSTALL.md, "Memory and CPU".
 * - `--max-semi-space-size=1` (MB): the young generation is the largest
 *   avoidable chunk of RSS; the agent allocates little per round, so a 1 MB
 *   semi-space only means more, shorter scavenges.
 * - `--max-old-space-size=64` (MB): a leak ends in an out-of-memory exit
 *   (systemd restarts the agent) long before MemoryMax. The outbox is on
 *   disk now (SQLite, outside the JS heap), so the heap no longer grows
 *   while offline; 64 stays because 32 measured no smaller (INSTALL.md) and
 *   leaves less room for a replay's batches in flight.
 * - `--no-opt --no-sparkplug`: no optimizing or baseline compiler. The
 *   agent's code is never hot, and the compilers' own code in the node
 *   binary is ~4 MB of RSS once touched. Not `--lite-mode`/`--jitless`,
 *   which save as much but also switch off WebAssembly, which Node 20's
 *   `fetch` (undici's HTTP parser) needs.
 * - `--optimize-for-size --regexp-interpret-all`: smaller objects, and
 *   regular expressions run as bytecode instead of machine code.
 * - `--v8-pool-size=1`: one V8 background thread instead of one per core.
 */
export const nodeFlags = [
  '--max-semi-space-size=1',
  '--max-old-space-size=64',
  '--no-opt',
  '--no-sparkplug',
  '--optimize-for-size',
  '--regexp-interpret-all',
  '--v8-pool-size=1',
] as const;

/**
 * The production environment of `run` (the unit's `Environment=` lines).
 * `MALLOC_MMAP_THRESHOLD_` (glibc; bytes): allocations from 16 KiB up,
 * such as V8's parser and compiler zones, get their own mapping and go back
 * to the system when freed. Without it, in about one run in four, ~5 MB
 * malloc'd at start-up (while the bundle is parsed and compiled) stayed in
 * glibc's heap for good, pinned by a later small allocation.
 */
export const agentEnv: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '16384' };

/**
 * Runs before any bundled module: `node`'s shebang, and `require`,
 * `__filename` and `__dirname` for the CommonJS dependencies inside an ESM
 * bundle.
 */
const banner = [
  '#!/usr/bin/env node',
  "import { createRequire as __lwCreateRequire } from 'node:module';",
  "import { fileURLToPath as __lwFileURLToPath } from 'node:url';",
  'const require = __lwCreateRequire(import.meta.url);',
  'const __filename = __lwFileURLToPath(import.meta.url);',
  "const __dirname = __lwFileURLToPath(new URL('.', import.meta.url));",
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
 * or API the agent does not use; should that change, the stub throws (a
 * zod locale other than `en` would be undefined).
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
    for (const { filter, contents } of unreachable) {
      b.onLoad({ filter }, () => ({ contents, loader: 'js' }));
    }
  },
};

/**
 * A dependency update that moves one of the stubbed files must not silently
 * bundle it again: the build fails instead.
 */
function checkStubbed(metafile: Metafile): void {
  const inputs = Object.keys(metafile.inputs);
  const missed = unreachable.filter((u) => !inputs.some((path) => u.filter.test(path))).map((u) => u.why);
  if (missed.length > 0) {
    throw new Error(`stubbed modules not found (did a dependency move them?): ${missed.join(', ')}`);
  }
}

/** Where and how to build; the defaults are the production bundle. */
export interface BuildOptions {
  /** Default {@link bundlePath}. */
  outfile?: string;
  /** Default true; false only to measure what minifying saves. */
  minify?: boolean;
}

/**
 * Bundles `agent/src/cli.ts` and every dependency but
 * {@link externalDependencies} into one ESM file (plus `.map`, `.LEGAL.txt`,
 * esbuild's metafile and the {@link runtimeManifest} beside it). Each file is
 * written to a temporary name and renamed, so an agent or benchmark
 * starting meanwhile never reads half a bundle.
 *
 * @example
 * const { path, bytes } = await buildAgent();
 */
export async function buildAgent(options: BuildOptions = {}): Promise<{ path: string; bytes: number }> {
  const outfile = options.outfile ?? bundlePath;
  const result = await build({
    entryPoints: [join(agentDir, 'src', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Smaller source is a smaller heap: V8 keeps every script's source for
    // lazy compilation. Stack traces map back with the .map file.
    minify: options.minify ?? true,
    legalComments: 'external',
    sourcemap: 'external',
    banner: { js: banner },
    plugins: [stripShebang, stubUnreachable],
    external: [...externalDependencies],
    absWorkingDir: rootDir,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  checkStubbed(result.metafile);
  const files = [
    ...result.outputFiles.map((f) => ({ path: f.path, contents: f.contents })),
    { path: metafileOf(outfile), contents: JSON.stringify(result.metafile) },
    { path: join(dirname(outfile), 'package.json'), contents: runtimeManifest() },
  ];
  mkdirSync(dirname(outfile), { recursive: true });
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  return { path: outfile, bytes: statSync(outfile).size };
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
 * last build's metafile lists them), this build script or the agent's
 * package.json (the runtime manifest's source).
 */
export function bundleIsStale(): boolean {
  const built = mtimeMs(bundlePath);
  const metafile = metafileOf(bundlePath);
  const written = [metafile, join(dirname(bundlePath), 'package.json')];
  if (!Number.isFinite(built) || written.some((f) => !Number.isFinite(mtimeMs(f)))) return true;
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as Metafile;
  const inputs = [
    fileURLToPath(import.meta.url),
    join(agentDir, 'package.json'),
    ...Object.keys(meta.inputs).map((p) => join(rootDir, p)),
  ];
  return inputs.some((input) => mtimeMs(input) > built);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { path, bytes } = await buildAgent();
  console.log(`built ${relative(rootDir, path)} (${Math.round(bytes / 1024)} KiB)`);
}
