import { errors } from "./errors";
import { StatesError } from "./language/index";
import { nestingDepthOver, SFN_LIMITS } from "./validate";

/** A task waiting for SendTaskSuccess/Failure/Heartbeat: a `.waitForTaskToken` task or an activity task. */
export interface PendingTask {
  readonly token: string;
  succeed(output: unknown): void;
  fail(error: StatesError): void;
  heartbeat(): void;
}

type Ended = "timedOut" | "done";

/** Task tokens of the running tasks, and of the ended ones, so late callers get AWS's TaskTimedOut / TaskDoesNotExist. */
export class TaskTokens {
  private readonly pending = new Map<string, PendingTask>();
  private readonly ended = new Map<string, Ended>();

  add(task: PendingTask): void {
    this.pending.set(task.token, task);
  }

  end(token: string, how: Ended): void {
    if (this.pending.delete(token)) this.ended.set(token, how);
  }

  private find(token: unknown): PendingTask {
    if (typeof token !== "string" || token.length === 0) {
      throw errors.ValidationException("1 validation error detected: Value null at 'taskToken' failed to satisfy constraint: Member must not be null");
    }
    if (token.length > 2048) throw errors.InvalidToken("Invalid token");
    const task = this.pending.get(token);
    if (task !== undefined) return task;
    const ended = this.ended.get(token);
    if (ended === "timedOut") throw errors.TaskTimedOut("Task Timed Out: 'Provided task does not exist anymore'");
    if (ended === "done") throw errors.TaskDoesNotExist("Task Does Not Exist: 'Provided task does not exist anymore'");
    throw errors.InvalidToken("Invalid token");
  }

  succeed(token: unknown, output: unknown): void {
    const task = this.find(token);
    if (typeof output !== "string") throw errors.ValidationException("1 validation error detected: Value null at 'output' failed to satisfy constraint: Member must not be null");
    let value: unknown;
    try {
      const depth = nestingDepthOver(output, SFN_LIMITS.maxNestingDepth);
      if (depth !== undefined) throw new Error(`Document nesting depth (${depth}) exceeds the maximum allowed (${SFN_LIMITS.maxNestingDepth}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`);
      value = JSON.parse(output);
    } catch (error) {
      throw errors.InvalidOutput(`Invalid State Machine Execution Output: '${(error as Error).message}'`);
    }
    task.succeed(value);
  }

  fail(token: unknown, error: string | undefined, cause: string | undefined): void {
    this.find(token).fail(new StatesError(error ?? "", cause ?? ""));
  }

  heartbeat(token: unknown): void {
    this.find(token).heartbeat();
  }
}
