/**
 * Test support for simcloud packages and their users: `@simcloud/core/testing`. Imports vitest, so it is a separate
 * entry point that production code never loads.
 */
export { inEveryClockMode, CLOCK_MODES, createModeHarness } from "./clock-modes";
export type { ClockModeName, ModeHarness, ModeSubject } from "./clock-modes";
export { awsError } from "./aws-error";
export { describeInputFuzz } from "./input-fuzz";
export type { FuzzWorld, InputFuzzOptions } from "./input-fuzz";
