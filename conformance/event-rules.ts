/**
 * EventBridge pattern vectors through real rules: PutRule with the vector's pattern, an SQS target, PutEvents with
 * the vector event's Source, DetailType, Detail, Resources and Time, then the queue holds the event iff `expect`
 * (an invalid pattern: PutRule fails with InvalidEventPatternException). PutEvents sets id, account, region and
 * version itself, so a vector whose pattern reads a field PutEvents cannot set is only run through
 * TestEventPattern; `ruleCaseSteps` returns the reason instead of steps for it.
 */
import type { FilterCase, ScenarioCase, Step } from "./cases";

/** Top-level event fields a PutEvents entry controls (account and region come from the cloud, set to the vector's). */
const SETTABLE = new Set(["source", "detail-type", "detail", "resources", "time", "account", "region", "version"]);
const QUEUE = "rule-target";

function literal(value: unknown): unknown {
  return { $literal: value };
}

function topLevelKeys(pattern: unknown, into = new Set<string>()): Set<string> {
  if (pattern === null || typeof pattern !== "object" || Array.isArray(pattern)) return into;
  for (const [key, value] of Object.entries(pattern)) {
    if (key === "$or" && Array.isArray(value)) for (const branch of value) topLevelKeys(branch, into);
    else into.add(key);
  }
  return into;
}

/** The text of the top-level `detail` value inside the exact event JSON (keeps number spellings). */
export function detailText(eventJson: string): string | undefined {
  const at = /"detail"\s*:\s*/g;
  let match: RegExpExecArray | null;
  while ((match = at.exec(eventJson)) !== null) {
    const start = match.index + match[0].length;
    if (eventJson[start] !== "{") continue;
    let depth = 0;
    let inString = false;
    for (let i = start; i < eventJson.length; i++) {
      const c = eventJson[i];
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) return eventJson.slice(start, i + 1);
      }
    }
  }
  return undefined;
}

export interface RuleCase {
  readonly testCase: ScenarioCase;
  readonly accountId: string;
}

export function ruleCaseSteps(vector: FilterCase): RuleCase | string {
  const event = (vector.event ?? {}) as Record<string, unknown>;
  const accountId = typeof event["account"] === "string" && /^\d{12}$/.test(event["account"]) ? event["account"] : "000000000000";
  const name = `${vector.name} via a rule`;
  const putRule: Step = {
    op: "call",
    service: "events",
    command: "PutRule",
    input: { Name: "vector", EventPattern: literal(JSON.stringify(vector.pattern)) },
    ...(vector.expectError === true ? { error: "InvalidEventPatternException" } : {}),
  };
  if (vector.expectError === true) return { testCase: { name, steps: [putRule] }, accountId };
  for (const key of topLevelKeys(vector.pattern)) if (!SETTABLE.has(key)) return `the pattern reads "${key}", which PutEvents cannot set`;
  if (event["region"] !== undefined && event["region"] !== "us-east-1") return "the event's region is not the runner's";
  if (event["version"] !== undefined && event["version"] !== "0") return "the event's version is not 0";
  const time = typeof event["time"] === "string" ? Date.parse(event["time"]) : Number.NaN;
  if (event["time"] !== undefined && (!Number.isFinite(time) || new Date(time).toISOString().replace(".000Z", "Z") !== event["time"])) return "the event's time is not in EventBridge's format";
  if (typeof event["source"] !== "string" || typeof event["detail-type"] !== "string") return "the event has no string source and detail-type";
  const resources = event["resources"] ?? [];
  if (!Array.isArray(resources) || !resources.every((item) => typeof item === "string")) return "the event's resources are not strings";
  const detail = vector.eventJson === undefined ? JSON.stringify(event["detail"] ?? {}) : detailText(vector.eventJson);
  if (detail === undefined) return "the event JSON has no detail object";
  const queueArn = `arn:aws:sqs:us-east-1:${accountId}:${QUEUE}`;
  const steps: Step[] = [
    { op: "call", service: "sqs", command: "CreateQueue", input: { QueueName: QUEUE }, save: "queue" },
    putRule,
    { op: "call", service: "events", command: "PutTargets", input: { Rule: "vector", Targets: [{ Id: "q", Arn: queueArn }] } },
    {
      op: "call",
      service: "events",
      command: "PutEvents",
      input: {
        Entries: [
          {
            Source: literal(event["source"]),
            DetailType: literal(event["detail-type"]),
            Detail: literal(detail),
            Resources: literal(resources),
            ...(Number.isFinite(time) ? { Time: { $date: time - Date.UTC(2025, 0, 1) } } : {}),
          },
        ],
      },
      output: { FailedEntryCount: 0 },
    },
    { op: "settle" },
    {
      op: "call",
      service: "sqs",
      command: "ReceiveMessage",
      input: { QueueUrl: "${queue.QueueUrl}", MaxNumberOfMessages: 10 },
      output: { Messages: vector.expect ? [{ Body: { $json: { source: event["source"], "detail-type": event["detail-type"] } } }] : { $empty: true } },
    },
  ];
  return { testCase: { name, steps }, accountId };
}
