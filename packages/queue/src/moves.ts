import type { TaskHandle } from "@simcloud/clock";
import type { SimContext } from "@simcloud/core";
import { errors } from "./errors";
import type { Queue } from "./queue";
import type { ListMessageMoveTasksResultEntry, MessageMoveTaskStatus } from "./types";

interface MoveTask {
  handle: string;
  sourceArn: string;
  destinationArn: string | undefined;
  rate: number | undefined;
  status: MessageMoveTaskStatus;
  moved: number;
  toMove: number;
  started: number;
  failureReason: string | undefined;
  timer: TaskHandle | undefined;
}

/**
 * StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask ("Amazon SQS dead-letter queue redrive"):
 * a task moves the DLQ's visible messages back — to DestinationArn, or each to the queue it came from — at most
 * `rate` per second, one scheduler task per second of work.
 */
/** A task handle is base64 of `{"taskId": …, "sourceArn": …}`; anything else is not a handle. */
function decodeTaskHandle(handle: string): { taskId: string; sourceArn: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(handle, "base64").toString("utf8")) as { taskId?: unknown; sourceArn?: unknown };
    return typeof parsed.taskId === "string" && typeof parsed.sourceArn === "string" ? { taskId: parsed.taskId, sourceArn: parsed.sourceArn } : undefined;
  } catch {
    return undefined;
  }
}

export class MoveTasks {
  private readonly tasks: MoveTask[] = [];
  private counter = 0;

  constructor(
    private readonly ctx: SimContext,
    private readonly queueByArn: (arn: string) => Queue | undefined,
    private readonly defaultRate: number,
  ) {}

  start(source: Queue, destination: Queue | undefined, rate: number | undefined): string {
    if (this.tasks.some((task) => task.sourceArn === source.arn && task.status === "RUNNING")) {
      // AWS's recorded answer (test_start_multiple_move_tasks): InvalidParameterValue, 400.
      throw errors.InvalidParameterValue("There is already a task running. Only one active task is allowed for a source queue arn at a given time.");
    }
    const id = ++this.counter;
    const handle = Buffer.from(JSON.stringify({ taskId: `${this.ctx.ids.uuid("sqs.move-tasks")}-${id}`, sourceArn: source.arn })).toString("base64");
    const task: MoveTask = {
      handle,
      sourceArn: source.arn,
      destinationArn: destination?.arn,
      rate,
      status: "RUNNING",
      moved: 0,
      toMove: source.counts().visible,
      started: this.ctx.clock.now(),
      failureReason: undefined,
      timer: undefined,
    };
    this.tasks.push(task);
    task.timer = this.ctx.scheduler.after(0, () => this.step(task), { label: `sqs:${source.name} message move task` });
    return handle;
  }

  private step(task: MoveTask): void {
    task.timer = undefined;
    if (task.status !== "RUNNING") return;
    const source = this.queueByArn(task.sourceArn);
    if (source === undefined) return this.fail(task, "AWS.SimpleQueueService.NonExistentQueue");
    let missing: string | undefined;
    const budget = Math.min(task.rate ?? this.defaultRate, task.toMove - task.moved);
    task.moved += source.redrive(budget, (message) => {
      const arn = task.destinationArn ?? message.deadLetterSourceArn;
      const target = arn === undefined ? undefined : this.queueByArn(arn);
      if (target === undefined) missing = arn ?? "(no source queue recorded)";
      return target;
    });
    if (missing !== undefined) return this.fail(task, "AWS.SimpleQueueService.NonExistentQueue");
    if (task.moved >= task.toMove || source.counts().visible === 0) {
      task.status = "COMPLETED";
      return;
    }
    task.timer = this.ctx.scheduler.after(1000, () => this.step(task), { label: `sqs:${source.name} message move task` });
  }

  private fail(task: MoveTask, reason: string): void {
    task.status = "FAILED";
    task.failureReason = reason;
  }

  cancel(handle: string): number {
    // AWS's recorded answers: an undecodable handle, a handle naming a missing source queue, an unknown task.
    const decoded = decodeTaskHandle(handle);
    if (decoded === undefined) throw errors.InvalidParameterValue("Value for parameter TaskHandle is invalid.");
    if (this.queueByArn(decoded.sourceArn) === undefined) {
      throw errors.ResourceNotFoundException("The resource that you specified for the SourceArn parameter doesn't exist.");
    }
    const task = this.tasks.find((candidate) => candidate.handle === handle);
    if (task === undefined) throw errors.ResourceNotFoundException("Task does not exist.");
    if (task.status !== "RUNNING") {
      throw errors.ResourceNotFoundException("The resource that you specified for the TaskHandle parameter doesn't exist or is not running.");
    }
    task.timer?.cancel();
    task.status = "CANCELLED";
    return task.moved;
  }

  /** The most recent tasks first. */
  list(sourceArn: string, max: number): ListMessageMoveTasksResultEntry[] {
    const out: ListMessageMoveTasksResultEntry[] = [];
    for (let i = this.tasks.length - 1; i >= 0 && out.length < max; i--) {
      const task = this.tasks[i] as MoveTask;
      if (task.sourceArn !== sourceArn) continue;
      out.push({
        ...(task.status === "RUNNING" ? { TaskHandle: task.handle } : {}),
        Status: task.status,
        SourceArn: task.sourceArn,
        ...(task.destinationArn === undefined ? {} : { DestinationArn: task.destinationArn }),
        ...(task.rate === undefined ? {} : { MaxNumberOfMessagesPerSecond: task.rate }),
        ApproximateNumberOfMessagesMoved: task.moved,
        ApproximateNumberOfMessagesToMove: task.toMove,
        ...(task.failureReason === undefined ? {} : { FailureReason: task.failureReason }),
        StartedTimestamp: task.started,
      });
    }
    return out;
  }

  /** DeleteQueue of a source stops its running task. */
  forget(sourceArn: string): void {
    for (const task of this.tasks) {
      if (task.sourceArn === sourceArn && task.status === "RUNNING") {
        task.timer?.cancel();
        this.fail(task, "AWS.SimpleQueueService.NonExistentQueue");
      }
    }
  }
}
