declare module "@simcloud/core" {
  interface TraceEventMap {
    "sfn.stateMachine.created": { name: string; stateMachineArn: string; type: "STANDARD" | "EXPRESS" };
    "sfn.stateMachine.deleted": { name: string; stateMachineArn: string };
    "sfn.execution.started": { executionArn: string; stateMachineArn: string; name: string };
    "sfn.execution.finished": { executionArn: string; status: string; error?: string; cause?: string };
    /** One per state transition: the state entered or left, with its input or output text. */
    "sfn.state.entered": { executionArn: string; state: string; stateType: string; input: string };
    "sfn.state.exited": { executionArn: string; state: string; stateType: string; output: string };
    "sfn.state.failed": { executionArn: string; state: string; error: string; cause: string };
    "sfn.state.retried": { executionArn: string; state: string; error: string; attempt: number; delayMs: number };
    "sfn.state.caught": { executionArn: string; state: string; error: string; next: string };
    /** A task resource that cannot be reached (no such function, queue, topic, bus or handler). */
    "sfn.task.undeliverable": { executionArn: string; state: string; resource: string; error: string };
  }
}

export {};
