import type { Bindings } from "./bindings";
import type { WaitState } from "./types";

/** The epoch ms a Wait state ends at, given the virtual now when it was entered. */
export async function waitUntil(state: WaitState, input: unknown, b: Bindings, nowMs: number): Promise<number> {
  void state; void input; void b; void nowMs;
  throw new Error("not yet");
}
