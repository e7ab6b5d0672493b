import { describe, expect, it } from "vitest";
import { ArmedTask } from "./armed-task";
import { DeadlineHeap, type Deadline } from "./deadline-heap";
import { Scheduler } from "./scheduler";

describe("ArmedTask", () => {
  it("keeps one scheduler task: arm moves it, disarm cancels it, fire may re-arm", async () => {
    const s = new Scheduler();
    const t0 = s.now();
    const fired: number[] = [];
    const task = new ArmedTask(s, () => fired.push(s.now() - t0), { label: "test deadline" });
    task.arm(t0 + 100);
    task.arm(t0 + 50);
    expect(s.pendingTasks).toBe(1);
    expect(task.armedAt).toBe(t0 + 50);
    await s.advance(60);
    expect(fired).toEqual([50]);
    expect(task.armed).toBe(false);
    task.arm(t0 + 80);
    task.disarm();
    task.arm(Infinity);
    await s.advance(100);
    expect(fired).toEqual([50]);
    expect(s.pendingTasks).toBe(0);
  });

  it("armBy keeps an earlier task and replaces a later one", async () => {
    const s = new Scheduler();
    const t0 = s.now();
    const fired: number[] = [];
    const task = new ArmedTask(s, () => fired.push(s.now() - t0), { label: "retention" });
    task.armBy(t0 + 30);
    task.armBy(t0 + 40);
    expect(task.armedAt).toBe(t0 + 30);
    task.armBy(t0 + 10);
    expect(task.armedAt).toBe(t0 + 10);
    await s.advance(100);
    expect(fired).toEqual([10]);
  });

  it("a background task runs when time reaches it but does not keep runUntilIdle going", async () => {
    const s = new Scheduler();
    const t0 = s.now();
    let ran = false;
    const task = new ArmedTask(s, () => (ran = true), { label: "housekeeping", background: true });
    task.arm(t0 + 1_000);
    await s.runUntilIdle();
    expect(ran).toBe(false);
    expect(s.now()).toBe(t0);
    await s.advance(1_000);
    expect(ran).toBe(true);
  });

  it("drives a DeadlineHeap: one task for the earliest deadline, items applied in order", async () => {
    interface Job extends Deadline {
      name: string;
    }
    const s = new Scheduler();
    const t0 = s.now();
    const heap = new DeadlineHeap<Job>();
    const done: string[] = [];
    const task: ArmedTask = new ArmedTask(
      s,
      () => {
        for (const job of heap.popDue(s.now())) done.push(`${job.name}@${s.now() - t0}`);
        task.arm(heap.nextDue);
      },
      { label: "jobs" },
    );
    const job = (name: string): Job => ({ name, due: 0, dueSeq: 0, heapIndex: -1 });
    const [a, b, c] = [job("a"), job("b"), job("c")];
    heap.set(a, t0 + 30);
    heap.set(b, t0 + 10);
    heap.set(c, t0 + 10);
    task.arm(heap.nextDue);
    heap.remove(b);
    task.arm(heap.nextDue);
    expect(s.pendingTasks).toBe(1);
    await s.runUntilIdle();
    expect(done).toEqual(["c@10", "a@30"]);
    expect(s.pendingTasks).toBe(0);
  });
});
