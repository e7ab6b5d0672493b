import type { Definition } from "./types";

/** One problem found in a definition; the shape of ValidateStateMachineDefinition's diagnostics. */
export interface Diagnostic {
  severity: "ERROR" | "WARNING";
  /** e.g. "SCHEMA_VALIDATION_FAILED", "MISSING_TRANSITION_TARGET", "INVALID_JSON_DESCRIPTION". */
  code: string;
  message: string;
  /** JSON pointer-ish location, e.g. "/States/W". */
  location?: string;
}

/** Parses and validates a definition; never throws. `definition` is set only when there is no ERROR. */
export function validateDefinition(text: string): { definition?: Definition; diagnostics: Diagnostic[] } {
  void text;
  throw new Error("not yet");
}

/** The InvalidDefinition exception message for CreateStateMachine/UpdateStateMachine. */
export function invalidDefinitionMessage(diagnostics: Diagnostic[]): string {
  void diagnostics;
  throw new Error("not yet");
}
