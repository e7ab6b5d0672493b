import type { Scheduler } from "@simcloud/clock";
import type { GetActivityTaskOutput } from "./types";

interface QueuedTask {
  readonly token: string;
  readonly input: string;
  /** Told the worker's name when a worker takes the task (ActivityStarted). */
  readonly onStarted: (workerName: string | undefined) => void;
  cancelled: boolean;
}

interface Poller {
  readonly workerName: string | undefined;
  readonly deliver: (task: GetActivityTaskOutput) => void;
}

/** One activity: tasks waiting for a worker and workers long-polling for a task, matched first come first served. */
export class ActivityQueue {
  private readonly tasks: QueuedTask[] = [];
  private readonly pollers: Poller[] = [];

  constructor(
    readonly arn: string,
    readonly name: string,
    readonly creationDate: number,
    private readonly scheduler: Scheduler,
  ) {}

  /** Queues a task (or hands it to a waiting worker); the returned function withdraws it. */
  schedule(token: string, input: string, onStarted: (workerName: string | undefined) => void): () => void {
    const task: QueuedTask = { token, input, onStarted, cancelled: false };
    const poller = this.pollers.shift();
    if (poller !== undefined) {
      onStarted(poller.workerName);
      poller.deliver({ taskToken: token, input });
    } else {
      this.tasks.push(task);
    }
    return () => {
      task.cancelled = true;
    };
  }

  /** GetActivityTask: a queued task now, else wait up to `pollSeconds` of virtual time; `{}` when none came. */
  poll(workerName: string | undefined, pollSeconds: number): Promise<GetActivityTaskOutput> {
    for (;;) {
      const task = this.tasks.shift();
      if (task === undefined) break;
      if (task.cancelled) continue;
      task.onStarted(workerName);
      return Promise.resolve({ taskToken: task.token, input: task.input });
    }
    return new Promise((resolve) => {
      const poller: Poller = {
        workerName,
        deliver: (task) => {
          timer.cancel();
          resolve(task);
        },
      };
      const timer = this.scheduler.after(pollSeconds * 1000, () => {
        const index = this.pollers.indexOf(poller);
        if (index >= 0) this.pollers.splice(index, 1);
        resolve({});
      }, { label: `sfn:activity ${this.name} poll` });
      this.pollers.push(poller);
    });
  }
}
