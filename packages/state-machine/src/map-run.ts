/**
 * Distributed Map (guide "Using Map state in Distributed mode", "Examining Map Runs"): a Map whose ItemProcessor has
 * `ProcessorConfig.Mode: "DISTRIBUTED"` runs as a map run — one child workflow execution per item (or per batch),
 * STANDARD or EXPRESS as `ExecutionType` says, at most MaxConcurrency at a time (UpdateMapRun changes it while the run
 * goes on), failing with `States.ExceedToleratedFailureThreshold` past ToleratedFailureCount/Percentage (0 by default).
 * The parent's history holds MapRunStarted / MapRunSucceeded / MapRunFailed / MapRunAborted, as recorded.
 */
import type { DistributedMapRequest, Execution, MachineSnapshot } from "./execution";
import type { Integrations } from "./integrations";
import { readItems, transformResults, writeResults, writerConfig, type ResultRecord } from "./item-io";
import { mapItemInput, mapItems, mapLimits, StatesError, type Bindings, type Definition, type MapState } from "./language/index";
import { batch } from "./language/map";
import { Cancelled } from "./lifeline";

export type MapRunStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED";

/** DescribeMapRun's itemCounts / executionCounts (the members AWS's recording shows). */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
}

export interface DescribeMapRunOutput {
  mapRunArn: string;
  executionArn: string;
  status: MapRunStatus;
  startDate: Date;
  stopDate?: Date;
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  toleratedFailureCount: number;
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
}

export interface MapRunListItem {
  executionArn: string;
  mapRunArn: string;
  stateMachineArn: string;
  startDate: Date;
  stopDate?: Date;
}

interface Child {
  readonly execution: Execution;
  readonly items: number;
  written: boolean;
}

/** One map run: its settings (changed by UpdateMapRun) and its child executions. */
export class MapRun {
  status: MapRunStatus = "RUNNING";
  stopDate: number | undefined;
  readonly children: Child[] = [];
  itemTotal = 0;
  executionTotal = 0;
  /** Set while the run starts children: UpdateMapRun calls it so a raised MaxConcurrency takes effect at once. */
  wake: (() => void) | undefined;
  /** Which tolerances the state (or UpdateMapRun) set: DescribeMapRun shows 0 for an unset one. */
  readonly toleranceSet = { count: false, percentage: false };

  constructor(
    readonly arn: string,
    readonly executionArn: string,
    readonly stateMachineArn: string,
    readonly label: string,
    readonly startDate: number,
    public maxConcurrency: number,
    public toleratedFailurePercentage: number,
    public toleratedFailureCount: number,
  ) {}

  private counts(weigh: (child: Child) => number, total: number): MapRunCounts {
    const counts: MapRunCounts = { pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total, resultsWritten: 0 };
    let started = 0;
    for (const child of this.children) {
      const n = weigh(child);
      started += n;
      const status = child.execution.status;
      if (status === "RUNNING") counts.running += n;
      else if (status === "SUCCEEDED") counts.succeeded += n;
      else if (status === "FAILED") counts.failed += n;
      else if (status === "TIMED_OUT") counts.timedOut += n;
      else counts.aborted += n;
      if (child.written) counts.resultsWritten += n;
    }
    counts.pending = Math.max(total - started, 0);
    return counts;
  }

  describe(): DescribeMapRunOutput {
    return {
      mapRunArn: this.arn,
      executionArn: this.executionArn,
      status: this.status,
      startDate: new Date(this.startDate),
      ...(this.stopDate === undefined ? {} : { stopDate: new Date(this.stopDate) }),
      maxConcurrency: this.maxConcurrency,
      toleratedFailurePercentage: this.toleratedFailurePercentage,
      toleratedFailureCount: this.toleratedFailureCount,
      itemCounts: this.counts((child) => child.items, this.itemTotal),
      executionCounts: this.counts(() => 1, this.executionTotal),
    };
  }

  listItem(): MapRunListItem {
    return {
      executionArn: this.executionArn,
      mapRunArn: this.arn,
      stateMachineArn: this.stateMachineArn,
      startDate: new Date(this.startDate),
      ...(this.stopDate === undefined ? {} : { stopDate: new Date(this.stopDate) }),
    };
  }

  /** Whether the failures so far exceed what the run tolerates: without a tolerance set, any failure does. */
  exceeded(): boolean {
    let failed = 0;
    for (const child of this.children) if (child.execution.status !== "RUNNING" && child.execution.status !== "SUCCEEDED") failed += child.items;
    if (failed === 0) return false;
    if (!this.toleranceSet.count && !this.toleranceSet.percentage) return true;
    if (this.toleranceSet.count && failed > this.toleratedFailureCount) return true;
    return this.toleranceSet.percentage && this.itemTotal > 0 && (failed * 100) / this.itemTotal > this.toleratedFailurePercentage;
  }
}

/** What the service provides to a map run. */
export interface MapRunHost {
  readonly integrations: Integrations;
  /** A new map run ARN's last part and a child execution's name. */
  uuid(): string;
  now(): number;
  arnOf(resource: string): string;
  register(run: MapRun): void;
  /** Creates, records (under the map run) and starts one child execution. */
  startChild(run: MapRun, snapshot: MachineSnapshot, arn: string, name: string, input: string): Execution;
}

export const EXCEEDED_CAUSE = "The specified tolerated failure threshold was exceeded";

function isoSeconds(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function record(execution: Execution): ResultRecord {
  return {
    ExecutionArn: execution.arn,
    Input: execution.input,
    InputDetails: { Included: true },
    Name: execution.name,
    ...(execution.output === undefined ? {} : { Output: execution.output, OutputDetails: { Included: true } }),
    ...(execution.error === undefined ? {} : { Error: execution.error }),
    ...(execution.cause === undefined ? {} : { Cause: execution.cause }),
    RedriveCount: execution.redriveCount,
    RedriveStatus: execution.status === "SUCCEEDED" ? "NOT_REDRIVABLE" : "REDRIVABLE",
    ...(execution.status === "SUCCEEDED" ? { RedriveStatusReason: "Execution is SUCCEEDED and cannot be redriven" } : {}),
    StartDate: isoSeconds(execution.startDate)!,
    StateMachineArn: execution.stateMachineArn,
    Status: execution.status,
    ...(execution.stopDate === undefined ? {} : { StopDate: isoSeconds(execution.stopDate)! }),
  };
}

/** Runs a distributed Map state to its result (the outputs, or the ResultWriter's details); throws its failure. */
export async function runDistributedMap(host: MapRunHost, request: DistributedMapRequest): Promise<unknown> {
  const { parent, name, state, effective, bindings: b, thread } = request;
  const history = parent.history;
  const processor = (state.ItemProcessor ?? state.Iterator)!;
  const limits = await mapLimits(state, effective, b);
  const fromReader = state.ItemReader !== undefined;
  // With an ItemReader the items are read after the run starts: MapStateStarted says length 0 (as recorded).
  const items = fromReader ? [] : await mapItems(state, effective, b);
  history.add(thread, "MapStateStarted", { length: items.length }, "mapStateStartedEventDetails");

  const machineName = parent.machine.name.split("/")[0]!;
  // "stateMachine:{stateMachineName}/{MapRunLabel or UUID}" (guide "Viewing a Distributed Map Run execution").
  const label = state.Label ?? host.uuid();
  const runArn = host.arnOf(`mapRun:${machineName}/${label}:${host.uuid()}`);
  const childMachineArn = host.arnOf(`stateMachine:${machineName}/${label}`);
  const run = new MapRun(runArn, parent.arn, childMachineArn, label, host.now(), limits.maxConcurrency, limits.toleratedFailurePercentage ?? 0, limits.toleratedFailureCount ?? 0);
  run.toleranceSet.count = limits.toleratedFailureCount !== undefined;
  run.toleranceSet.percentage = limits.toleratedFailurePercentage !== undefined;
  host.register(run);
  history.add(thread, "MapRunStarted", { mapRunArn: runArn }, "mapRunStartedEventDetails");

  const finish = (status: MapRunStatus, failure?: StatesError): void => {
    run.status = status;
    run.stopDate = host.now();
    run.wake = undefined;
    if (status === "SUCCEEDED") {
      history.add(thread, "MapRunSucceeded");
      // MapStateSucceeded and MapStateExited both follow MapRunSucceeded in the recorded histories.
      history.add({ last: thread.last }, "MapStateSucceeded");
    } else if (status === "FAILED") {
      history.add(thread, "MapRunFailed", { error: failure!.error, cause: failure!.cause }, "mapRunFailedEventDetails");
      history.add(thread, "MapStateFailed");
    } else history.add(thread, "MapRunAborted");
  };
  const handlerRequest = { stateName: name, executionArn: parent.arn };

  let work: unknown[];
  try {
    if (fromReader) {
      const read = await readItems(state, effective, b, host.integrations, handlerRequest);
      work = state.ItemBatcher === undefined ? read : await batch(state, read, effective, b);
      run.itemTotal = read.length;
    } else {
      work = items;
      run.itemTotal = state.ItemBatcher === undefined ? items.length : items.reduce<number>((sum, group) => sum + ((group as { Items: unknown[] }).Items.length), 0);
    }
    run.executionTotal = work.length;
  } catch (error) {
    const failure = error instanceof StatesError ? error : new StatesError("States.ItemReaderFailed", String(error));
    finish("FAILED", failure);
    throw failure;
  }

  const type = processor.ProcessorConfig?.ExecutionType ?? "STANDARD";
  const definition: Definition = {
    StartAt: processor.StartAt,
    States: processor.States,
    QueryLanguage: processor.QueryLanguage ?? b.queryLanguage,
  } as Definition;
  const snapshot: MachineSnapshot = {
    stateMachineArn: childMachineArn,
    name: `${machineName}/${label}`,
    definition,
    definitionText: JSON.stringify(definition),
    roleArn: parent.machine.roleArn,
    type,
  };
  const outputs: unknown[] = new Array(work.length);

  const outcome = new Promise<StatesError | undefined>((resolve) => {
    let next = 0;
    let running = 0;
    let settled = false;
    const done = (failure: StatesError | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(failure);
    };
    const pump = async (): Promise<void> => {
      while (!settled && next < work.length && (run.maxConcurrency === 0 || running < run.maxConcurrency)) {
        const index = next++;
        const group = work[index];
        const itemBindings: Bindings = { ...b, context: { ...b.context, Map: { Item: { Index: index, Value: group } } } };
        let input: unknown;
        try {
          input = await mapItemInput(state, effective, itemBindings);
        } catch (error) {
          done(error instanceof StatesError ? error : new StatesError("States.Runtime", String(error)));
          return;
        }
        const childName = host.uuid();
        const arn = host.arnOf(type === "EXPRESS" ? `express:${machineName}/${label}:${childName}:${host.uuid()}` : `execution:${machineName}/${label}:${childName}`);
        const execution = host.startChild(run, snapshot, arn, childName, JSON.stringify(input === undefined ? null : input));
        const child: Child = { execution, items: state.ItemBatcher === undefined ? 1 : ((group as { Items?: unknown[] }).Items?.length ?? 1), written: false };
        run.children.push(child);
        running += 1;
        void execution.done.then(() => {
          running -= 1;
          if (settled) return;
          outputs[index] = execution.status === "SUCCEEDED" ? (JSON.parse(execution.output ?? "null") as unknown) : { Error: execution.error, Cause: execution.cause };
          if (state.ResultWriter === undefined) child.written = true;
          if (run.exceeded()) {
            done(new StatesError("States.ExceedToleratedFailureThreshold", EXCEEDED_CAUSE));
            return;
          }
          if (next >= work.length && running === 0) done(undefined);
          else void pump();
        });
      }
      if (!settled && work.length === 0) done(undefined);
    };
    run.wake = () => void pump();
    void pump();
  });

  let failure: StatesError | undefined;
  try {
    failure = await request.life.guard(outcome);
  } catch (error) {
    if (error instanceof Cancelled) {
      for (const child of run.children) if (child.execution.status === "RUNNING") child.execution.stop("States.Runtime", "The parent execution's map run was aborted.");
      if (run.status === "RUNNING" && parent.status === "RUNNING") finish("ABORTED");
      else {
        run.status = "ABORTED";
        run.stopDate = host.now();
      }
    }
    throw error;
  }
  if (failure !== undefined) {
    for (const child of run.children) if (child.execution.status === "RUNNING") child.execution.stop("States.Runtime", "The map run failed.");
    finish("FAILED", failure);
    throw failure;
  }
  if (state.ResultWriter !== undefined) {
    const results = run.children.map((child, index) => ({ succeeded: child.execution.status === "SUCCEEDED", output: outputs[index], record: record(child.execution) }));
    const config = writerConfig(state);
    if (!config.exports) {
      // WriterConfig alone previews the transformed results as the state's result, writing nothing.
      finish("SUCCEEDED");
      return transformResults(results, config.transformation);
    }
    let details: unknown;
    try {
      details = await writeResults(state, effective, b, host.integrations, handlerRequest, runArn, results);
    } catch (error) {
      const writeFailure = error instanceof StatesError ? error : new StatesError("States.ResultWriterFailed", String(error));
      finish("FAILED", writeFailure);
      throw writeFailure;
    }
    for (const child of run.children) child.written = true;
    finish("SUCCEEDED");
    return details;
  }
  finish("SUCCEEDED");
  return outputs;
}
