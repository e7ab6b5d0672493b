import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every package source file below `dir`, tests and type tests left out: what the build-rule scans read. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".test-d.ts")) out.push(path);
  }
  return out;
}
