import { expect, it } from "vitest";
import { runDemo } from "./demo-scenario";

it("the README demo fans out, ships the good express order, announces it on EventBridge and dead-letters the poison one, identically on every run", async () => {
  const first = await runDemo();
  expect(first.billed).toEqual([1001, 1002, 1003]);
  expect(first.shipped).toEqual([1001]);
  expect(first.deadLettered).toEqual([1003]);
  expect(first.analysed).toEqual([1001]);
  expect(first.notified).toEqual(["order 1001 shipped"]);
  expect(first.lines.some((line) => line.includes("eb    rule order-shipped delivered to notifications"))).toBe(true);
  expect(first.lines.some((line) => line.includes("moved to shipping-dlq after 2 receives"))).toBe(true);
  const second = await runDemo();
  expect(second.lines).toEqual(first.lines);
});
