/** Distributed Map (guide "Using Map state in Distributed mode", "Examining Map Runs"; API DescribeMapRun, UpdateMapRun). */
import { awsError } from "@simcloud/core/testing";
import { describe, expect, it } from "vitest";
import { InMemoryObjectStore, csvRows } from "./item-io";
import { harness, type Harness } from "./test-support";

const distributed = (states: object, extra: object = {}, executionType = "STANDARD"): object => ({
  StartAt: "Map",
  States: {
    Map: {
      Type: "Map",
      ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: executionType }, StartAt: "Work", States: states },
      End: true,
      ...extra,
    },
  },
});
const PASS = { Work: { Type: "Pass", End: true } };

async function history(h: Harness, executionArn: string): Promise<[number, number, string, unknown][]> {
  const { events } = await h.sfn.getExecutionHistory({ executionArn });
  return events.map((event) => {
    const details = Object.entries(event).find(([key]) => key.endsWith("EventDetails"))?.[1];
    return [event.id, event.previousEventId, event.type, details];
  });
}

describe("Distributed Map: map runs", () => {
  it("runs each item as a child execution and records MapRunStarted/MapRunSucceeded as AWS's recording shows", async () => {
    const h = harness();
    const arn = await h.machine(distributed(PASS, { Label: "TestMap", MaxConcurrency: 1 }), "orders");
    const out = await h.run(arn, ["Hello", "World"], "e1");
    expect(out.status).toBe("SUCCEEDED");
    expect(JSON.parse(out.output!)).toEqual(["Hello", "World"]);
    const events = await history(h, out.executionArn);
    const { mapRuns } = await h.sfn.listMapRuns({ executionArn: out.executionArn });
    expect(mapRuns).toHaveLength(1);
    const mapRunArn = mapRuns[0]!.mapRunArn;
    expect(mapRunArn).toMatch(/^arn:aws:states:us-east-1:000000000000:mapRun:orders\/TestMap:[0-9a-f-]{36}$/);
    expect(mapRuns[0]!.stateMachineArn).toBe("arn:aws:states:us-east-1:000000000000:stateMachine:orders/TestMap");
    // test_map_state_config_distributed_item_selector's history: MapStateSucceeded and MapStateExited both follow MapRunSucceeded.
    expect(events.slice(1, 7)).toEqual([
      [2, 0, "MapStateEntered", expect.anything()],
      [3, 2, "MapStateStarted", { length: 2 }],
      [4, 3, "MapRunStarted", { mapRunArn }],
      [5, 4, "MapRunSucceeded", undefined],
      [6, 5, "MapStateSucceeded", undefined],
      [7, 5, "MapStateExited", expect.anything()],
    ]);
    const described = await h.sfn.describeMapRun({ mapRunArn });
    expect(described).toEqual({
      mapRunArn,
      executionArn: out.executionArn,
      status: "SUCCEEDED",
      startDate: expect.any(Date),
      stopDate: expect.any(Date),
      maxConcurrency: 1,
      toleratedFailurePercentage: 0,
      toleratedFailureCount: 0,
      itemCounts: { pending: 0, running: 0, succeeded: 2, failed: 0, timedOut: 0, aborted: 0, total: 2, resultsWritten: 2 },
      executionCounts: { pending: 0, running: 0, succeeded: 2, failed: 0, timedOut: 0, aborted: 0, total: 2, resultsWritten: 2 },
    });
    const { executions } = await h.sfn.listExecutions({ mapRunArn });
    expect(executions).toHaveLength(2);
    expect(executions.every((execution) => execution.mapRunArn === mapRunArn && execution.status === "SUCCEEDED")).toBe(true);
    const child = await h.sfn.describeExecution({ executionArn: executions[0]!.executionArn });
    expect(child.mapRunArn).toBe(mapRunArn);
    expect(child.executionArn).toMatch(/:execution:orders\/TestMap:[0-9a-f-]{36}$/);
    expect(JSON.parse(child.input!)).toBe("World");
    const childHistory = await h.sfn.getExecutionHistory({ executionArn: child.executionArn });
    expect(childHistory.events.map((event) => event.type)).toEqual(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  });

  it("child workflows see their own $$.Execution and the item through ItemSelector's $$.Map.Item", async () => {
    const h = harness();
    const arn = await h.machine(distributed({ Work: { Type: "Pass", Parameters: { "id.$": "$$.Execution.Id", "item.$": "$.v" }, End: true } }, { ItemSelector: { "v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index" } }));
    const out = await h.run(arn, [10, 20]);
    const [first] = JSON.parse(out.output!) as { id: string; item: number }[];
    expect(first!.item).toBe(10);
    expect(first!.id).toMatch(/:execution:m\/[0-9a-f-]{36}:[0-9a-f-]{36}$/);
  });

  it("EXPRESS child executions: listed under the map run, not describable (InvalidArn, as for any EXPRESS execution)", async () => {
    const h = harness();
    const arn = await h.machine(distributed(PASS, {}, "EXPRESS"));
    const out = await h.run(arn, [1, 2, 3]);
    expect(JSON.parse(out.output!)).toEqual([1, 2, 3]);
    const [run] = (await h.sfn.listMapRuns({ executionArn: out.executionArn })).mapRuns;
    const { executions } = await h.sfn.listExecutions({ mapRunArn: run!.mapRunArn });
    expect(executions).toHaveLength(3);
    expect(executions[0]!.executionArn).toContain(":express:");
    expect((await awsError(h.sfn.describeExecution({ executionArn: executions[0]!.executionArn }))).code).toBe("InvalidArn");
  });

  it("a failed child fails the map run with States.ExceedToleratedFailureThreshold (MapRunFailed, MapStateFailed)", async () => {
    const h = harness();
    const arn = await h.machine(distributed({ Work: { Type: "Fail", Error: "Boom", Cause: "bad item" } }));
    const out = await h.run(arn, [1]);
    expect(out).toMatchObject({ status: "FAILED", error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded" });
    const events = await history(h, out.executionArn);
    expect(events.map((event) => event[2])).toEqual(["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunFailed", "MapStateFailed", "ExecutionFailed"]);
    expect(events[4]![3]).toEqual({ error: "States.ExceedToleratedFailureThreshold", cause: "The specified tolerated failure threshold was exceeded" });
    const [run] = (await h.sfn.listMapRuns({ executionArn: out.executionArn })).mapRuns;
    expect((await h.sfn.describeMapRun({ mapRunArn: run!.mapRunArn })).status).toBe("FAILED");
  });

  it("ToleratedFailureCount lets failures through; the failed items' results are their Error and Cause", async () => {
    const h = harness();
    const work = { Work: { Type: "Choice", Choices: [{ Variable: "$", NumericEquals: 2, Next: "Bad" }], Default: "Ok" }, Bad: { Type: "Fail", Error: "E", Cause: "c" }, Ok: { Type: "Pass", End: true } };
    const arn = await h.machine(distributed(work, { ToleratedFailureCount: 1 }));
    const out = await h.run(arn, [1, 2, 3]);
    expect(out.status).toBe("SUCCEEDED");
    expect(JSON.parse(out.output!)).toEqual([1, { Error: "E", Cause: "c" }, 3]);
    const [run] = (await h.sfn.listMapRuns({ executionArn: out.executionArn })).mapRuns;
    const described = await h.sfn.describeMapRun({ mapRunArn: run!.mapRunArn });
    expect(described.itemCounts).toMatchObject({ succeeded: 2, failed: 1, total: 3 });
    expect(described.toleratedFailureCount).toBe(1);
    const failed = await h.sfn.listExecutions({ mapRunArn: run!.mapRunArn, statusFilter: "FAILED" });
    expect(failed.executions).toHaveLength(1);
  });

  it("ToleratedFailurePercentage: 50% of 4 items tolerates 2 failures, not 3", async () => {
    const h = harness();
    const work = { Work: { Type: "Choice", Choices: [{ Variable: "$", NumericGreaterThan: 0, Next: "Bad" }], Default: "Ok" }, Bad: { Type: "Fail", Error: "E" }, Ok: { Type: "Pass", End: true } };
    const arn = await h.machine(distributed(work, { ToleratedFailurePercentage: 50 }));
    expect((await h.run(arn, [0, 0, 1, 1])).status).toBe("SUCCEEDED");
    expect((await h.run(arn, [0, 1, 1, 1])).error).toBe("States.ExceedToleratedFailureThreshold");
  });

  it("MaxConcurrency bounds the running children; UpdateMapRun raises it while the run goes on", async () => {
    const h = harness();
    const arn = await h.machine(distributed({ Work: { Type: "Wait", Seconds: 10, End: true } }, { MaxConcurrency: 1 }));
    const { executionArn } = await h.sfn.startExecution({ stateMachineArn: arn, input: "[1,2,3,4]" });
    await h.ctx.scheduler.advance(1);
    const [run] = (await h.sfn.listMapRuns({ executionArn })).mapRuns;
    const mapRunArn = run!.mapRunArn;
    expect((await h.sfn.describeMapRun({ mapRunArn })).executionCounts).toMatchObject({ running: 1, pending: 3, total: 4 });
    await h.sfn.updateMapRun({ mapRunArn, maxConcurrency: 3 });
    await h.ctx.scheduler.advance(1);
    expect((await h.sfn.describeMapRun({ mapRunArn })).executionCounts).toMatchObject({ running: 3, pending: 1 });
    expect((await h.sfn.describeMapRun({ mapRunArn })).maxConcurrency).toBe(3);
    await h.ctx.scheduler.runUntilIdle();
    expect((await h.sfn.describeExecution({ executionArn })).status).toBe("SUCCEEDED");
    // The first child runs alone from 0 to 10 s; two more start at 1 ms; the last takes the first one's slot at 10 s.
    expect(h.ctx.scheduler.now() - Date.UTC(2025, 0, 1)).toBe(20_000);
  });

  it("UpdateMapRun validates before changing anything", async () => {
    const h = harness();
    const arn = await h.machine(distributed(PASS));
    const out = await h.run(arn, [1]);
    const [run] = (await h.sfn.listMapRuns({ executionArn: out.executionArn })).mapRuns;
    const mapRunArn = run!.mapRunArn;
    expect((await awsError(h.sfn.updateMapRun({ mapRunArn }))).code).toBe("ValidationException");
    expect((await awsError(h.sfn.updateMapRun({ mapRunArn, maxConcurrency: -1 }))).code).toBe("ValidationException");
    expect((await awsError(h.sfn.updateMapRun({ mapRunArn, toleratedFailurePercentage: 101, maxConcurrency: 5 }))).code).toBe("ValidationException");
    expect((await h.sfn.describeMapRun({ mapRunArn })).maxConcurrency).toBe(0);
    expect((await awsError(h.sfn.updateMapRun({ mapRunArn: `${mapRunArn}x`, maxConcurrency: 1 }))).code).toBe("ResourceNotFound");
    expect((await awsError(h.sfn.describeMapRun({ mapRunArn: "arn:aws:states:us-east-1:000000000000:execution:m:e" }))).code).toBe("InvalidArn");
  });

  it("stopping the parent aborts the map run and its running children", async () => {
    const h = harness();
    const arn = await h.machine(distributed({ Work: { Type: "Wait", Seconds: 100, End: true } }));
    const { executionArn } = await h.sfn.startExecution({ stateMachineArn: arn, input: "[1,2]" });
    await h.ctx.scheduler.advance(1);
    await h.sfn.stopExecution({ executionArn });
    const [run] = (await h.sfn.listMapRuns({ executionArn })).mapRuns;
    await h.ctx.scheduler.settle();
    const described = await h.sfn.describeMapRun({ mapRunArn: run!.mapRunArn });
    expect(described.status).toBe("ABORTED");
    expect(described.executionCounts).toMatchObject({ aborted: 2, running: 0 });
    expect(h.ctx.scheduler.pendingTasks).toBe(0);
  });

  it("ItemBatcher: each child gets { BatchInput, Items }; itemCounts count items, executionCounts children", async () => {
    const h = harness();
    const arn = await h.machine(distributed(PASS, { ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { "at.$": "$$.Execution.Name" } } }));
    const out = await h.run(arn, [1, 2, 3], "batch");
    expect(JSON.parse(out.output!)).toEqual([{ BatchInput: { at: "batch" }, Items: [1, 2] }, { BatchInput: { at: "batch" }, Items: [3] }]);
    const [run] = (await h.sfn.listMapRuns({ executionArn: out.executionArn })).mapRuns;
    const described = await h.sfn.describeMapRun({ mapRunArn: run!.mapRunArn });
    expect(described.itemCounts.total).toBe(3);
    expect(described.executionCounts.total).toBe(2);
  });
});

describe("Distributed Map: ItemReader and ResultWriter through an object store handler", () => {
  function withStore(): { h: Harness; store: InMemoryObjectStore } {
    const h = harness();
    const store = new InMemoryObjectStore(() => h.ctx.scheduler.now());
    h.sfn.registerTaskHandler("arn:aws:states:::s3:*", store.handler);
    return { h, store };
  }
  const reader = (config: object, resource = "arn:aws:states:::s3:getObject"): object => ({
    ItemReader: { Resource: resource, ReaderConfig: config, Parameters: { "Bucket.$": "$.Bucket", "Key.$": "$.Key" } },
  });

  it("CSV with headers in the first row (test_map_item_reader_base_csv_headers_first_line); MapStateStarted length 0", async () => {
    const { h, store } = withStore();
    store.put("b", "file.csv", "Col1,Col2,Col3\nValue1,Value2,Value3\nValue4,Value5,Value6\n");
    const arn = await h.machine(distributed(PASS, reader({ InputType: "CSV", CSVHeaderLocation: "FIRST_ROW" })));
    const out = await h.run(arn, { Bucket: "b", Key: "file.csv" });
    expect(JSON.parse(out.output!)).toEqual([{ Col1: "Value1", Col2: "Value2", Col3: "Value3" }, { Col1: "Value4", Col2: "Value5", Col3: "Value6" }]);
    expect((await history(h, out.executionArn))[2]).toEqual([3, 2, "MapStateStarted", { length: 0 }]);
  });

  it("CSV with given headers drops extra fields; duplicate headers fail with States.ItemReaderFailed (recorded causes)", async () => {
    const { h, store } = withStore();
    store.put("b", "f.csv", "a,b\nc,d\n");
    const given = await h.machine(distributed(PASS, reader({ InputType: "CSV", CSVHeaderLocation: "GIVEN", CSVHeaders: ["H1"] })), "given");
    expect(JSON.parse((await h.run(given, { Bucket: "b", Key: "f.csv" })).output!)).toEqual([{ H1: "a" }, { H1: "c" }]);
    const duplicate = await h.machine(distributed(PASS, reader({ InputType: "CSV", CSVHeaderLocation: "GIVEN", CSVHeaders: ["H", "H"] })), "dup");
    const out = await h.run(duplicate, { Bucket: "b", Key: "f.csv" });
    expect(out).toMatchObject({ status: "FAILED", error: "States.ItemReaderFailed", cause: "CSV headers cannot contain duplicates." });
    expect((await history(h, out.executionArn)).map((event) => event[2])).toEqual(["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunFailed", "MapStateFailed", "ExecutionFailed"]);
  });

  it("JSON must be an array; JSONL is one item a line; MaxItems caps, a negative one fails", async () => {
    const { h, store } = withStore();
    store.put("b", "obj.json", '{"a":1}');
    store.put("b", "list.json", "[1,2,3]");
    store.put("b", "lines.jsonl", '{"n":1}\n{"n":2}\n');
    const json = await h.machine(distributed(PASS, reader({ InputType: "JSON" })), "json");
    expect(await h.run(json, { Bucket: "b", Key: "obj.json" })).toMatchObject({ error: "States.ItemReaderFailed", cause: "Attempting to map over non-iterable node." });
    const capped = await h.machine(distributed(PASS, reader({ InputType: "JSON", MaxItems: 2 })), "capped");
    expect(JSON.parse((await h.run(capped, { Bucket: "b", Key: "list.json" })).output!)).toEqual([1, 2]);
    const byPath = await h.machine(distributed(PASS, reader({ InputType: "JSON", MaxItemsPath: "$.Max" })), "path");
    expect(await h.run(byPath, { Bucket: "b", Key: "list.json", Max: -1 })).toMatchObject({ error: "States.ItemReaderFailed", cause: "field MaxItems must be positive" });
    store.put("b", "doc.json", '{"data":{"a/b":[7,8]}}');
    const pointed = await h.machine(distributed(PASS, reader({ InputType: "JSON", ItemsPointer: "/data/a~1b" })), "pointer");
    expect(JSON.parse((await h.run(pointed, { Bucket: "b", Key: "doc.json" })).output!)).toEqual([7, 8]);
    const jsonl = await h.machine(distributed(PASS, reader({ InputType: "JSONL" })), "jsonl");
    expect(JSON.parse((await h.run(jsonl, { Bucket: "b", Key: "lines.jsonl" })).output!)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("s3:listObjectsV2 lists the bucket's objects as items (Etag, Key, LastModified, Size, StorageClass)", async () => {
    const { h, store } = withStore();
    store.put("b", "file_0.txt", "Hello World!");
    store.put("b", "file_1.txt", "Hello World!");
    const arn = await h.machine(distributed(PASS, { ItemReader: { Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: { "Bucket.$": "$.Bucket" } } }));
    const items = JSON.parse((await h.run(arn, { Bucket: "b" })).output!) as { Key: string; Size: number; Etag: string }[];
    expect(items.map((item) => [item.Key, item.Size])).toEqual([["file_0.txt", 12], ["file_1.txt", 12]]);
    expect(Object.keys(items[0]!)).toEqual(["Etag", "Key", "LastModified", "Size", "StorageClass"]);
  });

  it("without a handler the reader fails with a cause that says how to provide the objects", async () => {
    const h = harness();
    const arn = await h.machine(distributed(PASS, reader({ InputType: "JSON" })));
    const out = await h.run(arn, { Bucket: "b", Key: "k" });
    expect(out.error).toBe("States.ItemReaderFailed");
    expect(out.cause).toContain("registerTaskHandler");
  });

  it("ResultWriter writes the manifest and result files; the Map's output is { MapRunArn, ResultWriterDetails } (test_map_state_result_writer)", async () => {
    const { h, store } = withStore();
    const arn = await h.machine(distributed(PASS, { Label: "TestMap", ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "result-bucket", Prefix: "mapJobs" } } }));
    const out = await h.run(arn, ["Hello", "World"]);
    const output = JSON.parse(out.output!) as { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } };
    const runId = output.MapRunArn.split(":").pop()!;
    expect(output.ResultWriterDetails).toEqual({ Bucket: "result-bucket", Key: `mapJobs/${runId}/manifest.json` });
    const manifest = JSON.parse(store.get("result-bucket", `mapJobs/${runId}/manifest.json`)!) as { ResultFiles: { SUCCEEDED: { Key: string }[] } };
    expect(manifest.ResultFiles.SUCCEEDED[0]!.Key).toBe(`mapJobs/${runId}/SUCCEEDED_0.json`);
    const results = JSON.parse(store.get("result-bucket", `mapJobs/${runId}/SUCCEEDED_0.json`)!) as { Output: string; Status: string }[];
    expect(results.map((result) => [result.Status, JSON.parse(result.Output)])).toEqual([["SUCCEEDED", "Hello"], ["SUCCEEDED", "World"]]);
  });

  it("WriterConfig alone previews the transformed results (FLATTEN spreads array outputs; a failed child keeps its record)", async () => {
    const h = harness();
    const work = { Work: { Type: "Choice", Choices: [{ Variable: "$[0]", NumericEquals: 9, Next: "Bad" }], Default: "Ok" }, Bad: { Type: "Fail", Error: "E", Cause: "c" }, Ok: { Type: "Pass", End: true } };
    const arn = await h.machine(distributed(work, { ToleratedFailureCount: 1, ResultWriter: { WriterConfig: { Transformation: "FLATTEN", OutputType: "JSON" } } }));
    const out = await h.run(arn, [[1, 2], [3], [9]]);
    const results = JSON.parse(out.output!) as unknown[];
    expect(results.slice(0, 3)).toEqual([1, 2, 3]);
    expect(results[3]).toMatchObject({ Status: "FAILED", Error: "E", Cause: "c", Input: "[9]" });
  });

  it("WriterConfig with a Resource: COMPACT outputs written as JSON Lines", async () => {
    const { h, store } = withStore();
    const arn = await h.machine(distributed(PASS, { ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "out" }, WriterConfig: { Transformation: "COMPACT", OutputType: "JSONL" } } }));
    const out = await h.run(arn, [{ a: 1 }, { a: 2 }]);
    const runId = (JSON.parse(out.output!) as { MapRunArn: string }).MapRunArn.split(":").pop()!;
    expect(store.get("out", `${runId}/SUCCEEDED_0.jsonl`)).toBe('{"a":1}\n{"a":2}');
  });

  it("csvRows reads quoted fields with delimiters, doubled quotes and line breaks", () => {
    expect(csvRows('a,"b,c","d""e"\r\n"multi\nline",x\n')).toEqual([["a", "b,c", 'd"e'], ["multi\nline", "x"]]);
    expect(csvRows("a|b", "|")).toEqual([["a", "b"]]);
  });
});
