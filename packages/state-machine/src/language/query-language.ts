import type { QueryLanguage, StateDefinition } from "./types";

/** A state's effective query language: its own QueryLanguage, else the enclosing one (machine or Map/Parallel), else JSONPath. */
export function queryLanguageOf(state: StateDefinition, inherited: QueryLanguage = "JSONPath"): QueryLanguage {
  return state.QueryLanguage ?? inherited;
}
