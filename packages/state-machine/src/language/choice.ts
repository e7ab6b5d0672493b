import type { Bindings } from "./bindings";
import type { ChoiceState } from "./types";

/** The first matching rule's Next (else Default) and that rule's Assign; StatesError when nothing matches. */
export async function chooseNext(state: ChoiceState, input: unknown, b: Bindings): Promise<{ next: string; assign: Record<string, unknown> }> {
  void state; void input; void b;
  throw new Error("not yet");
}
