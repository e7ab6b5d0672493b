import { expect, it } from "vitest";
import { runDemo } from "./demo-scenario";

it("the README demo fans out, ships the good express order, announces it on EventBridge, streams it to analytics, tracks the delivery with a state machine and dead-letters the poison one, identically on every run", async () => {
  const first = await runDemo();
  expect(first.billed).toEqual([1001, 1002, 1003]);
  expect(first.shipped).toEqual([1001]);
  expect(first.deadLettered).toEqual([1003]);
  expect(first.analysed).toEqual([1001]);
  expect(first.notified).toEqual(["order 1001 shipped"]);
  expect(first.lines.some((line) => line.includes("eb    rule order-shipped delivered to notifications"))).toBe(true);
  expect(first.lines.some((line) => line.includes("moved to shipping-dlq after 2 receives"))).toBe(true);
  // The shipped order's delivery tracker finishes its two-day Wait in virtual time.
  expect(first.lines.some((line) => line.includes("+172801.000s  sfn   order-1001: SUCCEEDED"))).toBe(true);
  const second = await runDemo();
  expect(second.lines).toEqual(first.lines);
});
