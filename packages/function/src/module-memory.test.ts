import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

/** Node never unloads an ES module: module instances must be ordinary objects the collector can free. */
describe("module handler instances are released", () => {
  it("2,000 cold starts of a module holding 160 KB leave the heap within 50 MB once the cloud is disposed", async () => {
    // Own process: --expose-gc, and a heap no other test touches.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--expose-gc", "--conditions=@simcloud/source", "--import", "tsx", join(here, "module-memory.fixture.ts"), "2000"],
      { cwd: here, timeout: 240_000 },
    );
    const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as { checked: boolean; growthMb: number };
    expect(result.checked).toBe(true);
    // 2,000 leaked instances would be over 300 MB.
    expect(result.growthMb).toBeLessThan(50);
  }, 300_000);
});
