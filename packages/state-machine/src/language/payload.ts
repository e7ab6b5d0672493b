/**
 * JSONPath payload templates (ASL spec "Payload Template"): Parameters, ItemSelector,
 * ResultSelector and JSONPath Assign. A key ending in `.$` takes the value of a path or an
 * intrinsic call; other values are literal and nested objects are processed recursively.
 */
import type { Bindings } from "./bindings";
import { siteOf } from "./bindings";
import { runtimeError, StatesError } from "./errors";
import { evaluateIntrinsic, looksLikeIntrinsic, parseIntrinsic, type IntrinsicEnv } from "./intrinsics";
import { evaluatePathIn, PathError, setData } from "./jsonpath";

/** Resolves a path against `$` = `input`, `$$` = the context object, `$name` = a variable. */
export function resolvePath(path: string, input: unknown, b: Bindings): unknown {
  return evaluatePathIn(path, input, b.context, b.variables);
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

/** What an intrinsic call in a payload template reads (its input and the state's bindings) and how it fails. */
class TemplateEnv implements IntrinsicEnv {
  constructor(
    private readonly input: unknown,
    private readonly b: Bindings,
  ) {}

  resolvePath(path: string): unknown {
    return resolvePath(path, this.input, this.b);
  }

  random(): number {
    return this.b.random();
  }

  uuid(): string {
    return this.b.uuid();
  }

  fail(detail: string): never {
    throw runtimeError(siteOf(this.b), detail);
  }

  tooLarge(): never {
    throw new StatesError("States.DataLimitExceeded", `The state/task '${this.b.context.State.Name}' returned a result with a size exceeding the maximum number of bytes service limit.`);
  }
}

/** The value of one `.$` field: a path or an intrinsic call. */
export function dynamicValue(expression: string, field: string, input: unknown, b: Bindings): unknown {
  if (looksLikeIntrinsic(expression)) return evaluateIntrinsic(parseIntrinsic(expression), new TemplateEnv(input, b));
  try {
    return resolvePath(expression, input, b);
  } catch (e) {
    if (e instanceof PathError) {
      throw runtimeError(siteOf(b), `The JSONPath '${expression}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`);
    }
    throw e;
  }
}

/** Applies a payload template to `input`. */
export function applyPayloadTemplate(template: unknown, input: unknown, b: Bindings): unknown {
  if (Array.isArray(template)) return template.map((x) => applyPayloadTemplate(x, input, b));
  if (typeof template !== "object" || template === null) return template;
  const out: Record<string, unknown> = {};
  for (const key in template) {
    if (!Object.hasOwn(template, key)) continue;
    const value = (template as Record<string, unknown>)[key];
    if (key.endsWith(".$") && typeof value === "string") setData(out, key.slice(0, -2), dynamicValue(value, key, input, b));
    else setData(out, key, applyPayloadTemplate(value, input, b));
  }
  return out;
}
