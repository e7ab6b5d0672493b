/**
 * JSONPath payload templates (ASL spec "Payload Template"): Parameters, ItemSelector,
 * ResultSelector and JSONPath Assign. A key ending in `.$` takes the value of a path or an
 * intrinsic call; other values are literal and nested objects are processed recursively.
 */
import type { Bindings } from "./bindings";
import { siteOf } from "./bindings";
import { runtimeError, StatesError } from "./errors";
import { evaluateIntrinsic, looksLikeIntrinsic, parseIntrinsic } from "./intrinsics";
import { evaluatePath, PathError, roots } from "./jsonpath";

/** Resolves a path against `$` = `input`, `$$` = the context object, `$name` = a variable. */
export function resolvePath(path: string, input: unknown, b: Bindings): unknown {
  return evaluatePath(
    path,
    roots({
      input,
      context: b.context,
      variable: (name) => (b.variables.has(name) ? { found: true, value: b.variables.get(name) } : { found: false }),
    }),
  );
}

/** `Invalid path '$.x' : No results for path: $['x']` — AWS's cause for InputPath/OutputPath/ResultPath failures. */
export function pathOrFail(path: string, input: unknown, b: Bindings): unknown {
  try {
    return resolvePath(path, input, b);
  } catch (e) {
    if (e instanceof PathError) throw runtimeError(siteOf(b), `Invalid path '${path}' : ${e.message}`);
    throw e;
  }
}

/** The value of one `.$` field: a path or an intrinsic call. */
export function dynamicValue(expression: string, field: string, input: unknown, b: Bindings): unknown {
  const site = siteOf(b);
  if (looksLikeIntrinsic(expression)) {
    const call = parseIntrinsic(expression);
    return evaluateIntrinsic(call, {
      resolvePath: (p) => resolvePath(p, input, b),
      random: b.random,
      uuid: b.uuid,
      fail: (detail) => {
        throw runtimeError(site, detail);
      },
      tooLarge: () => {
        throw new StatesError("States.DataLimitExceeded", `The state/task '${site.stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`);
      },
    });
  }
  try {
    return resolvePath(expression, input, b);
  } catch (e) {
    if (e instanceof PathError) {
      throw runtimeError(site, `The JSONPath '${expression}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`);
    }
    throw e;
  }
}

/** Applies a payload template to `input`. */
export function applyPayloadTemplate(template: unknown, input: unknown, b: Bindings): unknown {
  if (Array.isArray(template)) return template.map((x) => applyPayloadTemplate(x, input, b));
  if (typeof template !== "object" || template === null) return template;
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(template)) {
    const value = (template as Record<string, unknown>)[key];
    if (key.endsWith(".$") && typeof value === "string") out[key.slice(0, -2)] = dynamicValue(value, key, input, b);
    else out[key] = applyPayloadTemplate(value, input, b);
  }
  return out;
}
