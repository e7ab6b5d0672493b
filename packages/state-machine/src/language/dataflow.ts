import type { Bindings } from "./bindings";
import type { FailState, StateDefinition } from "./types";

/** InputPath then Parameters/ItemSelector (JSONPath) or Arguments (JSONata): the state's effective input. */
export async function effectiveInput(state: StateDefinition, rawInput: unknown, b: Bindings): Promise<unknown> {
  void state; void rawInput; void b;
  throw new Error("not yet");
}

/** ResultSelector, ResultPath, OutputPath (JSONPath) or Output (JSONata), and the Assign values (evaluated before any is applied). */
export async function stateOutput(state: StateDefinition, rawInput: unknown, result: unknown, b: Bindings): Promise<{ output: unknown; assign: Record<string, unknown> }> {
  void state; void rawInput; void result; void b;
  throw new Error("not yet");
}

/** A catcher's output: ResultPath over the raw input (JSONPath) or its Output with $states.errorOutput (JSONata), plus its Assign. */
export async function catchOutput(
  state: StateDefinition,
  catcher: import("./types").Catcher,
  rawInput: unknown,
  errorOutput: { Error: string; Cause: string },
  b: Bindings,
): Promise<{ output: unknown; assign: Record<string, unknown> }> {
  void state; void catcher; void rawInput; void errorOutput; void b;
  throw new Error("not yet");
}

/** A Fail state's Error and Cause (Error/Cause, ErrorPath/CausePath, or JSONata templates). */
export async function failErrorCause(state: FailState, input: unknown, b: Bindings): Promise<{ error?: string; cause?: string }> {
  void state; void input; void b;
  throw new Error("not yet");
}

/** A Task's TimeoutSeconds(Path) and HeartbeatSeconds(Path), resolved against its input. */
export async function timeouts(state: StateDefinition, input: unknown, b: Bindings): Promise<{ timeoutSeconds?: number; heartbeatSeconds?: number }> {
  void state; void input; void b;
  throw new Error("not yet");
}
