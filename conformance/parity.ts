/**
 * The recorded-AWS parity suite (docs/conformance.md, "Parity with recorded AWS answers"): each case names the
 * recorded test and snapshot key it checks, makes its calls through real SDK v3 clients on a fresh cloud, and
 * compares error name, query code, HTTP status, message and response fields with what AWS answered.
 */
import { readFileSync } from "node:fs";
import { createCloud, type Cloud, type CloudOptions } from "simcloud";
import { createNativeDriver, createSdkDriver, type Driver } from "./drivers";
import { normalise } from "./normalise";
import { CLOUD_OPTIONS } from "./runner";
import { describe as describeValue, resolve, type Scope } from "./values";

export interface RecordedRef {
  /** The LocalStack test file holding the recording, e.g. tests/aws/services/sqs/test_sqs.py. */
  readonly file: string;
  /** Test name as in the snapshot file, e.g. TestSqsProvider::test_send_empty_message[sqs]. */
  readonly test: string;
  /** The snapshot key(s) this case checks. */
  readonly key: string;
  /** When AWS's answer was recorded (from the snapshot's recorded-date). */
  readonly date?: string;
}

export interface ExpectedError {
  /** The SDK exception's `name` (the JSON `__type`, the query code's modeled exception). */
  readonly name: string;
  /** SQS: the awsQuery code the SDK puts on `err.Code` (from x-amzn-query-error). */
  readonly code?: string;
  readonly status?: number;
  /** AWS's message; `<…>` placeholders match any text. */
  readonly message?: string;
  /** Lambda's `Type` member (User / Service). */
  readonly type?: string;
  /**
   * SQS: the JSON `__type` AWS sent (botocore records it as QueryErrorCode). SDK v3 names SQS errors after the
   * x-amzn-query-error code instead, so this is checked on the exception's `__type` (namespace dropped).
   */
  readonly wireType?: string;
}

export interface ParityStep {
  /** `service.Command` sent through the SDK client. */
  readonly call?: string;
  /** `service.Command` sent to the native API (only where the SDK cannot carry the input: a JS handler). */
  readonly native?: string;
  readonly input?: unknown;
  readonly save?: string;
  /** The recorded response (partial at the top level, exact key sets inside, see docs). */
  readonly output?: unknown;
  /**
   * Compare `output` with this member of the response (`Attributes.Policy`), where the recording kept only it; JSON-text
   * members on the way are parsed, `*` maps over an array (`Messages.*.Body.requestPayload`).
   */
  readonly path?: string;
  readonly error?: ExpectedError;
  /** Virtual milliseconds to advance (runs due work). */
  readonly advance?: number;
  /** Run every task due now (cross-service deliveries). */
  readonly settle?: boolean;
  /** HTTP headers added to an SDK call's request, as the recorded test's client added them (X-Amzn-Trace-Id). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ParityCase {
  readonly name: string;
  readonly recorded: RecordedRef;
  /**
   * Options merged into the cloud's, where AWS's answer depends on timing simcloud makes configurable (a Lambda update
   * still in progress needs `{ "lambda": { "stateTransitionMs": … } }`).
   */
  readonly cloudOptions?: Omit<CloudOptions, "start" | "seed" | "region" | "accountId">;
  readonly steps: readonly ParityStep[];
}

export type ParityResult = { readonly ok: true } | { readonly ok: false; readonly step: number; readonly message: string };

const STUB_HANDLER = async (event: unknown): Promise<unknown> => event;

/** `<placeholder>` in a recorded string: any non-empty text. */
const PLACEHOLDER = /<[a-z0-9_:-]+(?::\d+)?>/gi;
const WHOLE_PLACEHOLDER = /^<[a-z0-9_:-]+(?::\d+)?>$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function matchesText(expected: string, actual: string): boolean {
  if (!PLACEHOLDER.test(expected)) return expected === actual;
  PLACEHOLDER.lastIndex = 0;
  const parts = expected.split(PLACEHOLDER).map(escapeRegExp);
  return new RegExp(`^${parts.join("[\\s\\S]*?")}$`).test(actual);
}

function parseJsonObject(text: string): unknown {
  if (!/^\s*[{[]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Compares a recorded value with ours: strings holding JSON are compared as JSON; objects must have the same
 * keys (except at the top level, where the SDK and boto may add transport members); arrays element-wise.
 */
export function compare(expected: unknown, actual: unknown, path = "$", top = true): string | undefined {
  if (typeof expected === "string") {
    if (WHOLE_PLACEHOLDER.test(expected)) return actual === undefined || actual === null ? `${path}: expected a value, got none` : undefined;
    if (typeof actual === "number" && String(actual) === expected) return undefined;
    if (typeof actual !== "string") return `${path}: expected ${JSON.stringify(expected)}, got ${describeValue(actual, 200)}`;
    const left = parseJsonObject(expected);
    const right = left === undefined ? undefined : parseJsonObject(actual);
    if (left !== undefined && right !== undefined) return compare(left, right, `${path}<json>`, false);
    return matchesText(expected, actual) ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  // The recordings hold JSON-text members (Policy, Statement, a JSON body) already parsed: parse ours to compare.
  if (expected !== null && typeof expected === "object" && typeof actual === "string") {
    const parsed = parseJsonObject(actual);
    if (parsed !== undefined) return compare(expected, parsed, `${path}<json>`, false);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${describeValue(actual, 200)}`;
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} items, got ${actual.length}: ${describeValue(actual, 300)}`;
    for (let index = 0; index < expected.length; index++) {
      const problem = compare(expected[index], actual[index], `${path}[${index}]`, false);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return `${path}: expected an object, got ${describeValue(actual, 200)}`;
    const want = expected as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    if (!top) {
      const extra = Object.keys(got).filter((key) => !(key in want));
      if (extra.length > 0) return `${path}: unexpected keys ${extra.join(", ")}`;
    }
    for (const [key, value] of Object.entries(want)) {
      if (!(key in got)) return `${path}: missing ${key} (expected ${describeValue(value, 120)})`;
      const problem = compare(value, got[key], `${path}.${key}`, false);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${describeValue(actual, 200)}`;
}

interface SdkErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly Code?: string;
  readonly Type?: string;
  readonly __type?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

function compareError(expected: ExpectedError, error: unknown): string | undefined {
  const err = (error ?? {}) as SdkErrorLike;
  const problems: string[] = [];
  if (err.name !== expected.name) problems.push(`name ${JSON.stringify(err.name)} (want ${JSON.stringify(expected.name)})`);
  if (expected.code !== undefined && err.Code !== expected.code) problems.push(`Code ${JSON.stringify(err.Code)} (want ${JSON.stringify(expected.code)})`);
  if (expected.status !== undefined && err.$metadata?.httpStatusCode !== expected.status) problems.push(`status ${String(err.$metadata?.httpStatusCode)} (want ${expected.status})`);
  if (expected.message !== undefined && !matchesText(expected.message, err.message ?? "")) problems.push(`message ${JSON.stringify(err.message)} (want ${JSON.stringify(expected.message)})`);
  if (expected.type !== undefined && err.Type !== expected.type) problems.push(`Type ${JSON.stringify(err.Type)} (want ${JSON.stringify(expected.type)})`);
  const wireType = err.__type?.slice(err.__type.indexOf("#") + 1);
  if (expected.wireType !== undefined && wireType !== expected.wireType) problems.push(`__type ${JSON.stringify(wireType)} (want ${JSON.stringify(expected.wireType)})`);
  return problems.length === 0 ? undefined : problems.join("; ");
}

function split(target: string): [string, string] {
  const dot = target.indexOf(".");
  return [target.slice(0, dot), target.slice(dot + 1)];
}

/** Follows a `path`: JSON-text members (an SQS Body) are parsed on the way; `*` maps the rest over an array's items. */
function walk(value: unknown, keys: readonly string[]): unknown {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys;
  const member = typeof value === "string" ? parseJsonObject(value) : value;
  if (key === "*") return Array.isArray(member) ? member.map((item) => walk(item, rest)) : undefined;
  return walk(member !== null && typeof member === "object" ? (member as Record<string, unknown>)[key as string] : undefined, rest);
}

async function runStep(step: ParityStep, cloud: Cloud, sdk: Driver, native: Driver, scope: Scope): Promise<string | undefined> {
  if (step.advance !== undefined) {
    await cloud.advance(step.advance);
    return undefined;
  }
  if (step.settle === true) {
    await cloud.settle();
    return undefined;
  }
  const target = step.call ?? step.native;
  if (target === undefined) return "a step needs call, native, advance or settle";
  if (step.headers !== undefined && step.call === undefined) return "headers go with an SDK call";
  const [service, command] = split(target);
  let input = resolve(step.input ?? {}, scope, "input") as Record<string, unknown>;
  if (step.native !== undefined && service === "lambda" && command === "CreateFunction" && input.handler === undefined) {
    input = { ...input, handler: STUB_HANDLER };
    delete input.Code;
  }
  const driver = step.call !== undefined ? sdk : native;
  let output: unknown;
  try {
    output = await driver.call(service, command, input, step.headers);
  } catch (error) {
    if (step.error === undefined) {
      const err = error as SdkErrorLike;
      return `unexpected error ${String(err.name)}: ${String(err.message)}`;
    }
    const problem = compareError(step.error, error);
    if (step.save !== undefined) scope.saved.set(step.save, { name: (error as SdkErrorLike).name, message: (error as SdkErrorLike).message });
    return problem;
  }
  if (step.error !== undefined) return `expected ${step.error.name}, got success ${describeValue(normalise(output), 300)}`;
  const actual = normalise(output);
  if (step.save !== undefined) scope.saved.set(step.save, actual);
  if (step.output === undefined) return undefined;
  const member = walk(actual, step.path?.split(".") ?? []);
  return compare(resolve(step.output, scope, "expectation"), member, step.path === undefined ? "$" : `$.${step.path}`, step.path === undefined);
}

export async function runParityCase(testCase: ParityCase): Promise<ParityResult> {
  const cloud = createCloud({ ...testCase.cloudOptions, ...CLOUD_OPTIONS });
  const sdk = createSdkDriver(cloud);
  const native = createNativeDriver(cloud);
  const scope: Scope = { start: CLOUD_OPTIONS.start, now: () => cloud.clock.now(), saved: new Map() };
  try {
    for (const [index, step] of testCase.steps.entries()) {
      let problem: string | undefined;
      try {
        problem = await runStep(step, cloud, sdk, native, scope);
      } catch (error) {
        problem = `harness: ${(error as Error).message}`;
      }
      if (problem !== undefined) return { ok: false, step: index + 1, message: `${step.call ?? step.native ?? "step"}: ${problem}` };
    }
    return { ok: true };
  } finally {
    sdk.dispose();
    await cloud.dispose();
  }
}

export function loadParityCases(file: string): ParityCase[] {
  const cases = JSON.parse(readFileSync(new URL(`./parity/${file}`, import.meta.url), "utf8")) as ParityCase[];
  const names = new Set<string>();
  for (const testCase of cases) {
    if (names.has(testCase.name)) throw new Error(`${file}: duplicate case name ${testCase.name}`);
    names.add(testCase.name);
  }
  return cases;
}

export function loadKnownDifferences(): Record<string, string> {
  return JSON.parse(readFileSync(new URL("./parity/known-differences.json", import.meta.url), "utf8")) as Record<string, string>;
}
