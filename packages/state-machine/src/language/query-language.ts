import type { QueryLanguage, StateDefinition } from "./types";

/**
 * A state's effective query language: its own QueryLanguage, else the enclosing one (the
 * machine's or the Map/Parallel's, passed as a language or as the enclosing definition),
 * else JSONPath.
 */
export function queryLanguageOf(state: StateDefinition, inherited?: QueryLanguage | { QueryLanguage?: QueryLanguage }): QueryLanguage {
  const outer = typeof inherited === "object" ? inherited.QueryLanguage : inherited;
  return state.QueryLanguage ?? outer ?? "JSONPath";
}
