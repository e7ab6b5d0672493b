/**
 * The Amazon States Language: definitions, validation and the data flow of one state, for
 * JSONPath and JSONata. Pure functions over JSON values; the executor (../) owns time,
 * history and tasks.
 *
 * How the executor drives a state (ASL spec "Input and Output Processing"):
 *   input  = await effectiveInput(state, rawInput, b)          // InputPath + Parameters | Arguments
 *   result = run the state (Task result, Pass `Result ?? input`, Map/Parallel array,
 *            Wait/Choice/Succeed: `input`)
 *   { output, assign } = await stateOutput(state, rawInput, result, b)
 *   b.variables.assign(assign)
 * Choice states use chooseNext(state, rawInput, b) → { next, assign, output } instead.
 * Wait: waitUntil(state, rawInput, b, now) (InputPath applied inside), then stateOutput.
 * Map: items = mapItems(state, effective input, b); per item set b.context.Map.Item and
 *   call mapItemInput(state, effective input, b); limits from mapLimits(state, effective input, b).
 * Errors a state raises are StatesError; a Catch runs catchOutput on the raw input.
 */
export type {
  QueryLanguage,
  Json,
  Definition,
  StateDefinition,
  StateBase,
  PassState,
  TaskState,
  ChoiceState,
  ChoiceRule,
  WaitState,
  SucceedState,
  FailState,
  ParallelState,
  MapState,
  SubMachine,
  Retrier,
  Catcher,
  ContextObject,
} from "./types";
export { HeartbeatTimeout, matchName, StatesError, runtimeError } from "./errors";
export { VariableScope, type Bindings } from "./bindings";
export { validateDefinition, invalidDefinitionMessage, type Diagnostic, type ValidateOptions } from "./validate";
export { queryLanguageOf } from "./query-language";
export { variableReferences } from "./variable-references";
export { effectiveInput, effectiveInputEager, stateOutput, stateOutputEager, catchOutput, failErrorCause, timeouts, timeoutsEager, type Eager, type StateOutput } from "./dataflow";
export { chooseNext, chooseNextEager, type Chosen } from "./choice";
export { waitUntil } from "./wait";
export { findRetrier, retryDelayMs, findCatcher, errorMatches } from "./retry";
export { hasItemSelector, mapItems, mapItemsEager, mapItemInput, mapItemInputEager, mapLimits, mapLimitsEager, type MapLimits } from "./map";
export { evaluatePath, PathError, parsePath, isValidPath, isReferencePath, deepEqual } from "./jsonpath";
export { parseTimestamp } from "./timestamp";
export { stringMatches } from "./choice";
export { surelyExceedsBytes } from "./json-size";
