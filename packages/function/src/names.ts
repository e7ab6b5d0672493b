import { errors } from "./errors";
import { matchesFunctionNamePattern, requireFunctionNameText } from "./validate";

export interface FunctionRef {
  name: string;
  qualifier: string | undefined;
  /** What a full or partial ARN says about where the function lives (absent for a plain name). */
  partition?: string;
  region?: string;
  accountId?: string;
}

/**
 * Splits every form Lambda accepts as FunctionName: `name`, `name:qualifier`, `123456789012:function:name`
 * (partial ARN), and the full ARN, each optionally qualified.
 */
export function parseFunctionRef(text: unknown, qualifier?: string, invoke = false): FunctionRef {
  // Callers invoke the same few names over and over: remember the parse of a valid name (a pure function of it).
  // Only names the common pattern accepts are cached; Invoke's wider pattern is a superset of it.
  const cached = typeof text === "string" ? parsed.get(text) : undefined;
  if (cached !== undefined) return combine(cached, qualifier);
  const value = requireFunctionNameText(text, invoke);
  const ref = parseValid(value);
  if (invoke && !matchesFunctionNamePattern(value)) return combine(ref, qualifier);
  if (parsed.size >= PARSE_CACHE_SIZE) parsed.clear();
  parsed.set(value, ref);
  return combine(ref, qualifier);
}

const PARSE_CACHE_SIZE = 1_000;
const parsed = new Map<string, FunctionRef>();

function combine(ref: FunctionRef, qualifier: string | undefined): FunctionRef {
  if (qualifier !== undefined && ref.qualifier !== undefined && ref.qualifier !== qualifier) {
    throw errors.InvalidParameterValueException("The derived qualifier from the function name does not match the specified qualifier.");
  }
  // A copy (callers get their own object, the cache keeps its own), built without spreading: it runs on every invoke.
  const out: FunctionRef = { name: ref.name, qualifier: qualifier ?? ref.qualifier };
  if (ref.partition !== undefined) out.partition = ref.partition;
  if (ref.region !== undefined) out.region = ref.region;
  if (ref.accountId !== undefined) out.accountId = ref.accountId;
  return out;
}

function parseValid(value: string): FunctionRef {
  let rest = value;
  let place: Pick<FunctionRef, "partition" | "region" | "accountId"> = {};
  if (rest.startsWith("arn:")) {
    const parts = rest.split(":");
    place = { partition: parts[1] ?? "", region: parts[3] ?? "", accountId: parts[4] ?? "" };
    rest = parts.slice(5).join(":");
  } else if (/^\d{12}:function:/.test(rest)) {
    place = { accountId: rest.slice(0, 12) };
    rest = rest.slice(13);
  }
  if (rest.startsWith("function:")) rest = rest.slice("function:".length);
  const [name = "", derived] = rest.split(":");
  return { name, qualifier: derived, ...place };
}
