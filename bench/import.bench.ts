/**
 * Cold import time of the built `simcloud` package (run `pnpm build` first) over a bare `node -e 0`, each the
 * best of several fresh processes. Goal: under 100 ms over bare node.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function bestOf(runs: number, args: string[]): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: join(root, "examples"), stdio: "inherit" });
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed`);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export default function (): void {
  if (!existsSync(join(root, "packages/simcloud/dist/index.js"))) {
    console.log("  skipped: run `pnpm build` first (this measures the built package, as users import it)");
    return;
  }
  const bare = bestOf(7, ["-e", "0"]);
  const withImport = bestOf(7, ["--input-type=module", "-e", 'await import("simcloud")']);
  console.log(`  node -e 0:                 ${bare.toFixed(1)} ms`);
  console.log(`  node -e import("simcloud"): ${withImport.toFixed(1)} ms`);
  console.log(`  cold import cost:          ${(withImport - bare).toFixed(1)} ms (goal: under 100 ms)`);
}
