import type { TraceEvent } from "@simcloud/core";

/**
 * Readable views of a trace: a timeline in virtual seconds, and a sequence diagram (one model, drawn as
 * Mermaid text here and as SVG by the HTML report).
 */

export interface FormatOptions {
  /** Virtual epoch ms shown as +0.000s (default: the first event's time). */
  start?: number;
  /** Show only the last `last` events (default: all). */
  last?: number;
  /** Longest shown body or payload, in characters (default 60). */
  maxValueLength?: number;
}

const ARN_TAIL = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(?:function:)?(.+)$/;
const URL_TAIL = /^https?:\/\/[^/]+\/\d{12}\/([^/?#]+)/;

/** The short name of a queue URL, an ARN or a function name: what a person calls the resource. */
export function shortName(reference: string): string {
  return URL_TAIL.exec(reference)?.[1] ?? ARN_TAIL.exec(reference)?.[1] ?? reference;
}

function clip(value: unknown, max: number): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  const oneLine = text.replace(/\s+/g, " ");
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine);
}

const shortId = (id: string): string => id.slice(0, 8);

/** One event's interesting fields, after its type: resource names, short ids, clipped bodies. */
export function summarize(event: TraceEvent, maxValueLength = 60): string {
  const fields = event as unknown as Record<string, unknown>;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (key === "seq" || key === "time" || key === "type" || value === undefined) continue;
    if (key === "body" || key === "event" || key === "message") parts.push(`${key}=${clip(value, maxValueLength)}`);
    else if (typeof value === "string" && (key.endsWith("Url") || key.endsWith("Arn") || key === "endpoint" || key === "destination")) {
      // A queue's URL and ARN, a function's name and ARN: the same name once is enough.
      const part = `${key.replace(/(Url|Arn|Name)$/, "")}=${shortName(value)}`;
      if (!parts.includes(part)) parts.push(part);
    } else if (typeof value === "string" && key.endsWith("Name")) {
      const part = `${key.replace(/Name$/, "")}=${value}`;
      if (!parts.includes(part)) parts.push(part);
    }
    else if (typeof value === "string" && (key === "messageId" || key === "requestId" || key === "environmentId" || key === "uuid"))
      parts.push(`${key}=${shortId(value)}`);
    else if (typeof value === "string") parts.push(`${key}=${value.length > maxValueLength ? clip(value, maxValueLength) : value}`);
    else parts.push(`${key}=${typeof value === "object" ? clip(value, maxValueLength) : String(value)}`);
  }
  return parts.join(" ");
}

/** `+   12.500s`, padded for columns; `compact` drops the padding. */
export function stamp(time: number, start: number, compact = false): string {
  const seconds = ((time - start) / 1000).toFixed(3);
  return `+${compact ? seconds : seconds.padStart(9)}s`;
}

/** The timeline as text, one event a line: `+    0.000s  sqs.message.sent  queue=orders messageId=… body="…"`. */
export function formatEvents(events: readonly TraceEvent[], options: FormatOptions = {}): string {
  if (events.length === 0) return "(no trace events)";
  const start = options.start ?? (events[0] as TraceEvent).time;
  const shown = options.last === undefined || events.length <= options.last ? events : events.slice(-options.last);
  const width = Math.max(...shown.map((event) => event.type.length));
  const lines = shown.map((event) => `${stamp(event.time, start)}  ${event.type.padEnd(width)}  ${summarize(event, options.maxValueLength)}`.trimEnd());
  if (shown.length < events.length) lines.unshift(`… ${events.length - shown.length} earlier events`);
  return lines.join("\n");
}

// ——— sequence diagram model ———

export interface DiagramStep {
  time: number;
  /** An arrow from one participant to another, or a note over one. */
  kind: "arrow" | "note";
  from: string;
  to: string;
  text: string;
  /** Failures, throttles, dead letters: drawn in red. */
  failed: boolean;
  dashed: boolean;
}

export interface Diagram {
  participants: string[];
  steps: DiagramStep[];
}

const CLIENT = "test";

/** Who talked to whom, across services, in trace order. Internal steps (the mapping's own receives) are left out. */
export function buildDiagram(events: readonly TraceEvent[]): Diagram {
  const participants: string[] = [];
  const steps: DiagramStep[] = [];
  const urlOfArn = new Map<string, string>();
  const mappedQueues = new Set<string>();
  // The SQS side of an SNS delivery is the same step: skip its "sent" event.
  const deliveredTo = new Map<string, number>();
  for (const event of events) {
    if (event.type === "sqs.queue.created") urlOfArn.set(event.queueArn, event.queueUrl);
    if (event.type === "lambda.esm.batch") mappedQueues.add(event.eventSourceArn);
  }
  // SNS traces a delivery after the queue traced the send, at the same instant.
  const deliveryKey = (url: string, time: number): string => `${url} ${time}`;
  for (const event of events) {
    if (event.type !== "sns.message.delivered" || event.protocol !== "sqs") continue;
    const key = deliveryKey(urlOfArn.get(event.endpoint) ?? event.endpoint, event.time);
    deliveredTo.set(key, (deliveredTo.get(key) ?? 0) + 1);
  }
  const mapped = new Set([...mappedQueues].map((arn) => urlOfArn.get(arn) ?? arn));
  const name = (reference: string): string => {
    const short = reference === CLIENT ? CLIENT : shortName(reference);
    if (!participants.includes(short)) participants.push(short);
    return short;
  };
  const add = (event: TraceEvent, kind: DiagramStep["kind"], from: string, to: string, text: string, failed = false, dashed = false): void => {
    steps.push({ time: event.time, kind, from: name(from), to: name(to), text, failed, dashed });
  };
  for (const event of events) {
    switch (event.type) {
      case "sns.message.published":
        add(event, "arrow", CLIENT, event.topicArn, `publish ${shortId(event.messageId)}`);
        break;
      case "sns.message.delivered":
        add(event, "arrow", event.topicArn, event.endpoint, `deliver (${event.protocol})`);
        break;
      case "sns.message.filtered-out":
        add(event, "arrow", event.topicArn, event.endpoint, "filtered out", false, true);
        break;
      case "sns.delivery.failed":
        add(event, "arrow", event.topicArn, event.endpoint, `delivery failed: ${event.error}`, true, true);
        break;
      case "sqs.message.sent": {
        const key = deliveryKey(event.queueUrl, event.time);
        const pending = deliveredTo.get(key) ?? 0;
        if (pending > 0) deliveredTo.set(key, pending - 1);
        else add(event, "arrow", CLIENT, event.queueUrl, `send ${shortId(event.messageId)}`);
        break;
      }
      case "sqs.message.received":
        if (!mapped.has(event.queueUrl)) add(event, "arrow", event.queueUrl, CLIENT, `receive ${shortId(event.messageId)} (#${event.receiveCount})`, false, true);
        break;
      case "sqs.message.visibility-expired":
        add(event, "note", event.queueUrl, event.queueUrl, `${shortId(event.messageId)} visible again`);
        break;
      case "sqs.message.moved-to-dlq":
        add(event, "arrow", event.queueUrl, event.deadLetterQueueUrl, `${shortId(event.messageId)} moved to DLQ`, true);
        break;
      case "lambda.esm.batch":
        add(event, "arrow", event.eventSourceArn, event.functionName, `batch of ${event.size}: ${event.outcome}${event.reason === undefined ? "" : ` (${event.reason.length > 48 ? `${event.reason.slice(0, 47)}…` : event.reason})`}`, event.outcome !== "success");
        break;
      case "lambda.invocation.completed":
        if (event.functionError !== undefined)
          add(event, "note", event.functionName, event.functionName, `${event.timedOut ? "timed out" : (event.errorType ?? event.functionError)}`, true);
        break;
      case "lambda.invocation.throttled":
        add(event, "note", event.functionName, event.functionName, `throttled: ${event.reason}`, true);
        break;
      case "lambda.async.queued":
        if (event.reason === "initial") add(event, "arrow", CLIENT, event.functionName, "invoke (Event)");
        break;
      case "lambda.destination.delivered":
        add(event, "arrow", event.functionName, event.destination, `${event.condition} destination`);
        break;
      default:
        break;
    }
  }
  return { participants, steps };
}

const mermaidText = (text: string): string => text.replace(/[;#\n]/g, " ");

/** The diagram as Mermaid `sequenceDiagram` source (paste into any Mermaid viewer, or a GitHub Markdown block). */
export function diagramToMermaid(diagram: Diagram, start: number): string {
  const id = (participant: string): string => `P${diagram.participants.indexOf(participant)}`;
  const lines = ["sequenceDiagram"];
  for (const participant of diagram.participants) lines.push(`  participant ${id(participant)} as ${mermaidText(participant)}`);
  for (const step of diagram.steps) {
    const text = `${stamp(step.time, start, true)} ${mermaidText(step.text)}`;
    if (step.kind === "note") lines.push(`  Note over ${id(step.from)}: ${text}`);
    else lines.push(`  ${id(step.from)}${step.dashed ? "-->>" : "->>"}${step.failed ? "x" : ""}${id(step.to)}: ${text}`.replace(/>>x/, "x"));
  }
  return lines.join("\n");
}
