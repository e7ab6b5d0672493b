/**
 * Run by module-memory.test.ts in a child process with --expose-gc: heap growth after 2,000 cold starts of a
 * module handler holding ~160 KB, once its cloud is disposed. Prints one JSON line.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSimContext } from "@simcloud/core";
import { createFunctionService } from "./lambda";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --expose-gc");
const collect = gc;

const dir = mkdtempSync(join(tmpdir(), "simcloud-memory-"));
const file = join(dir, "holder.mjs");
// 20,000 doubles: 160 KB of heap per module instance.
writeFileSync(file, `const data = Array.from({ length: 20000 }, (_, i) => i * 1.5); export const handler = async () => data.length;`);

function heap(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

async function coldStarts(count: number): Promise<number> {
  const ctx = createSimContext({ seed: 1 });
  const lambda = createFunctionService(ctx, { environmentIdleTimeoutMs: 1 });
  await lambda.createFunction({ FunctionName: "holder", Code: { modulePath: file } });
  let total = 0;
  for (let i = 0; i < count; i++) {
    const out = await lambda.invoke({ FunctionName: "holder" });
    total += Number(new TextDecoder().decode(out.Payload));
    await ctx.scheduler.advance(2);
  }
  ctx.scheduler.dispose();
  return total;
}

await coldStarts(20);
const before = heap();
const count = Number(process.argv[2] ?? 2000);
const checked = await coldStarts(count);
const after = heap();
process.stdout.write(
  `${JSON.stringify({ coldStarts: count, checked: checked === count * 20000, growthMb: (after - before) / 1048576 })}\n`,
);
