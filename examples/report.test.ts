/** cloud.report(): one self-contained HTML page of a scenario (docs/testing.md shows a picture of this one). */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "simcloud/vitest";
import { runDemoScenario } from "./report-scenario";

test("writes the demo's sequence diagram and timeline to one HTML file", async ({ cloud }) => {
  await runDemoScenario(cloud);
  const path = await cloud.report(join(process.env.SIMCLOUD_REPORT_DIR ?? (await mkdtemp(join(tmpdir(), "simcloud-"))), "demo.html"), { title: "Orders: SNS fan-out → SQS → Lambda, with a poison message" });
  const html = await readFile(path, "utf8");
  expect(html).toContain("moved to DLQ");
  expect(cloud.trace.toMermaid()).toContain("sequenceDiagram");
});
