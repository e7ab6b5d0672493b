import { existsSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createRequire, isBuiltin } from "node:module";
import { dirname, join, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import type { Plugin } from "esbuild";

/**
 * Module handlers evaluated as ordinary objects. Node never unloads an ES module, so importing a handler
 * afresh per execution environment leaks every instance; instead the handler and its own files (relative
 * imports) are bundled once into one CommonJS script with esbuild, and each environment runs that script
 * into a fresh `module`: an instance is garbage once its environment and cloud are gone.
 *
 * CommonJS packages stay external and load through Node's own `require` (from their resolved path):
 * `__dirname`, JSON and native addons inside them stay right, and such a package is loaded once per process
 * (its module state is shared by environments, unlike AWS's process per environment). Packages that are only
 * ES modules are bundled, hence fresh per environment (see packagesByFormat).
 *
 * Graphs esbuild cannot turn into one CommonJS script (top-level await, native addons or other files
 * without a loader among the handler's own files, syntax errors) load through Node's loader instead:
 * `import()` under a URL unique to the environment (each instance kept for the process's lifetime) or
 * `require` with its cache evicted. Node's own loader then also reports the errors in its own words.
 */
export class ModuleLoader {
  constructor(private readonly scope: string) {}

  /** A fresh instance of the module at `file` (an absolute path) for the environment `envId`. */
  async instantiate(file: string, envId: string): Promise<unknown> {
    const compiled = await compiledModule(file);
    if (compiled.script === undefined) return isCommonJs(file) ? requireFresh(file) : await importFresh(file, `${this.scope}.${envId}`);
    const factory = compiled.script.runInThisContext() as ModuleFactory;
    const module = { exports: {} as unknown };
    factory.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
    return module.exports;
  }
}

/**
 * Compiled code holds no module state (each environment runs it into a fresh scope), so clouds share it:
 * a new cloud's first cold start costs no bundling. Bounded, least recently used out.
 */
const compiledCache = new Map<string, Compiled>();
const compiling = new Map<string, Promise<Compiled>>();
const CACHE_LIMIT = 256;

/** Bundled once per content: reused while every input file keeps its modification time and size. */
async function compiledModule(file: string): Promise<Compiled> {
  const cached = compiledCache.get(file);
  if (cached !== undefined && (await unchanged(cached.inputs))) {
    compiledCache.delete(file);
    compiledCache.set(file, cached);
    return cached;
  }
  let pending = compiling.get(file);
  if (pending === undefined) {
    pending = compile(file).finally(() => compiling.delete(file));
    compiling.set(file, pending);
  }
  const compiled = await pending;
  compiledCache.delete(file);
  compiledCache.set(file, compiled);
  if (compiledCache.size > CACHE_LIMIT) compiledCache.delete(compiledCache.keys().next().value as string);
  return compiled;
}

type ModuleFactory = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

interface Compiled {
  /** Undefined: load through Node's loader (see ModuleLoader). */
  script: vm.Script | undefined;
  inputs: InputStamp[];
}

interface InputStamp {
  path: string;
  mtimeMs: number;
  size: number;
}

async function compile(file: string): Promise<Compiled> {
  const { build } = await import("esbuild");
  let result;
  try {
    result = await build({
      entryPoints: [file],
      absWorkingDir: dirname(file),
      bundle: true,
      format: "cjs",
      platform: "node",
      target: "node20",
      write: false,
      metafile: true,
      logLevel: "silent",
      // Each own file gets its own import.meta (see importMetaPerFile).
      define: { "import.meta": META },
      // import() of a specifier esbuild cannot follow becomes require (no experimental vm loader needed).
      supported: { "dynamic-import": false },
      plugins: [packagesByFormat, importMetaPerFile],
    });
  } catch {
    return { script: undefined, inputs: await stamps([file]) };
  }
  const inputs = await stamps(Object.keys(result.metafile.inputs).map((input) => resolveInput(file, input)));
  const code = result.outputFiles[0]?.text ?? "";
  // One line for the wrapper keeps the bundle's line numbers; frames name the handler's file.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, {
    filename: file,
  });
  return { script, inputs };
}

const META = "__simcloud_import_meta";

/**
 * A package that Node would `require` (CommonJS) stays external, loaded by Node from its resolved path; one
 * that is only ES modules is bundled, since esbuild's interop would give `require(esm)`'s namespace as the
 * default import. Node's builtins are always external.
 */
const packagesByFormat: Plugin = {
  name: "simcloud-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      if ((args.pluginData as { probing?: boolean } | undefined)?.probing === true) return undefined;
      const probe = await build.resolve(args.path, { kind: "require-call", resolveDir: args.resolveDir, importer: args.importer, pluginData: { probing: true } });
      if (probe.errors.length > 0 || probe.external) return undefined;
      if (!/\.(node|json)$/.test(probe.path) && !isCommonJs(probe.path)) return undefined;
      return { path: probe.path, external: true };
    });
  },
};

/**
 * esbuild's `define` is one value for the whole bundle: give every file that reads `import.meta` its own
 * (esbuild renames the per-file declarations apart). Prepended on the file's first line so lines stay.
 */
const importMetaPerFile: Plugin = {
  name: "simcloud-import-meta",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta")) return undefined;
      const url = pathToFileURL(args.path).href;
      const meta = `var ${META} = { url: ${JSON.stringify(url)}, filename: ${JSON.stringify(args.path)}, dirname: ${JSON.stringify(dirname(args.path))}, resolve: (s) => { const r = require("node:module").createRequire(${JSON.stringify(args.path)}).resolve(s); return r.startsWith("/") ? require("node:url").pathToFileURL(r).href : r; } };`;
      // A hashbang must stay first.
      const hashbang = source.startsWith("#!") ? source.indexOf("\n") + 1 : 0;
      const contents = hashbang > 0 ? source.slice(0, hashbang) + meta + source.slice(hashbang) : meta + source;
      return { contents, loader: loaderFor(args.path) };
    });
  },
};

function loaderFor(path: string): "js" | "ts" | "jsx" | "tsx" {
  if (path.endsWith("x")) return path.endsWith(".tsx") ? "tsx" : "jsx";
  return /\.[cm]?ts$/.test(path) ? "ts" : "js";
}

/** Metafile inputs are relative to absWorkingDir. */
function resolveInput(entry: string, input: string): string {
  return resolvePath(dirname(entry), input);
}

async function stamps(paths: string[]): Promise<InputStamp[]> {
  const out: InputStamp[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      out.push({ path, mtimeMs: info.mtimeMs, size: info.size });
    } catch {
      out.push({ path, mtimeMs: -1, size: -1 });
    }
  }
  return out;
}

async function unchanged(inputs: InputStamp[]): Promise<boolean> {
  const now = await stamps(inputs.map((input) => input.path));
  return now.every((stamp, i) => stamp.mtimeMs === inputs[i]?.mtimeMs && stamp.size === inputs[i]?.size);
}

async function importFresh(file: string, instance: string): Promise<unknown> {
  // A distinct URL per environment gives each environment its own module instance (never freed by Node).
  return (await import(`${pathToFileURL(file).href}?simcloud-env=${encodeURIComponent(instance)}`)) as unknown;
}

function requireFresh(file: string): unknown {
  const require = createRequire(file);
  const resolved = require.resolve(file);
  // CommonJS caches by filename: evict before and after so this environment evaluates its own copy.
  delete require.cache[resolved];
  try {
    return require(resolved) as unknown;
  } finally {
    delete require.cache[resolved];
  }
}

/** How Node loads this file: by extension, else by the nearest package.json's type. */
function isCommonJs(file: string): boolean {
  if (file.endsWith(".cjs") || file.endsWith(".cts")) return true;
  if (file.endsWith(".mjs") || file.endsWith(".mts")) return false;
  let dir = dirname(file);
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, "utf8")) as { type?: string }).type !== "module";
      } catch {
        return true;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}
