/**
 * `pnpm bench [name…]`: runs every bench/<name>.bench.ts (or the named ones) in one process, one after
 * another, each printing its own figures and ratios against a baseline measured in the same run.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.bench\.ts$/, "")))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matched ${wanted.join(", ") || "(none present)"}`);
  process.exit(1);
}
for (const file of files) {
  console.log(`\n== ${file.replace(/\.bench\.ts$/, "")} ==`);
  const module = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<void> | void };
  await module.default();
}
