import { createHash } from "node:crypto";
import type { RandomStream, TaskHandle } from "@simcloud/clock";
import type { MessageAttributeMap, SimContext } from "@simcloud/core";
import { errors } from "./errors";
import { LIMITS } from "./limits";
import { md5OfAttributes } from "./md5";
import { DELAYED, GONE, INFLIGHT, VISIBLE, type Group, type StoredMessage } from "./message";
import type { QueueSettings } from "./settings";
import type { Message, MessageSystemAttributeName, QueueChaos } from "./types";
import type { ReceiveRules } from "./validate";
import "./trace";

/** A send that passed validation, with its digests computed. */
export interface PreparedSend {
  body: string;
  md5Body: string;
  attributes: MessageAttributeMap | undefined;
  md5Attributes: string | undefined;
  systemAttributes: MessageAttributeMap | undefined;
  md5SystemAttributes: string | undefined;
  delaySeconds: number | undefined;
  groupId: string | undefined;
  deduplicationId: string | undefined;
}

export interface SendResult {
  MessageId: string;
  SequenceNumber: string | undefined;
}

/** What a message carries when it moves to another queue (DLQ or redrive). */
type Carried = Pick<
  StoredMessage,
  "messageId" | "body" | "md5Body" | "attributes" | "md5Attributes" | "systemAttributes" | "md5SystemAttributes" | "senderId" | "sentTimestamp" | "groupId" | "deduplicationId"
>;

interface Waiter {
  rules: ReceiveRules;
  resolve: (messages: Message[]) => void;
  timer: TaskHandle | undefined;
  done: boolean;
}

interface AttemptRecord {
  messages: StoredMessage[];
  receipts: number[];
  output: Message[];
  visibilityTimeout: number;
  expiry: TaskHandle;
}

interface DedupRecord {
  messageId: string;
  sequenceNumber: string | undefined;
  expiry: TaskHandle;
}

/** The queue service's view of its other queues: a queue delivers to its DLQ through it. */
export interface QueueDirectory {
  byArn(arn: string): Queue | undefined;
}

const SEQUENCE_BASE = 18_000_000_000_000_000_000n;

/**
 * One SQS queue's behaviour. Each time-based event (delay end, visibility expiry, retention expiry, long-poll
 * timeout, deduplication window end) is one scheduler task, cancelled when moot; nothing scans per tick.
 */
export class Queue {
  settings: QueueSettings;
  readonly createdAt: number;
  lastModifiedAt: number;
  lastPurgeAt = -Infinity;
  readonly tags = new Map<string, string>();
  chaos: Required<QueueChaos> = { duplicateProbability: 0, reorderProbability: 0 };

  private readonly byKey = new Map<number, StoredMessage>();
  private nextKey = 1;
  private sequence = 0n;
  private visibleCount = 0;
  private inflightCount = 0;
  private delayedCount = 0;
  // Standard queue: visible messages in delivery order.
  private head: StoredMessage | undefined;
  private tail: StoredMessage | undefined;
  // FIFO queue: groups, and the groups that may deliver, in the order they became ready.
  private readonly groups = new Map<string, Group>();
  private ready: Group[] = [];
  private readyHead = 0;
  private waiters: Waiter[] = [];
  private waitersHead = 0;
  private readonly dedup = new Map<string, DedupRecord>();
  private readonly attempts = new Map<string, AttemptRecord>();
  private readonly labels: { delay: string; visibility: string; retention: string; poll: string; dedup: string; attempt: string };
  private disposed = false;
  private holdWake = 0;
  private readonly receiptRandom: RandomStream;

  /** True once DeleteQueue ran: ports held elsewhere must stop delivering. */
  get deleted(): boolean {
    return this.disposed;
  }

  constructor(
    private readonly ctx: SimContext,
    readonly name: string,
    readonly url: string,
    readonly arn: string,
    /** Distinguishes this queue from an earlier one of the same name in receipt handles. */
    readonly incarnation: number,
    settings: QueueSettings,
    private readonly directory: QueueDirectory,
    private readonly chaosRandom: RandomStream,
  ) {
    this.settings = settings;
    this.receiptRandom = ctx.random.stream("sqs.receipts");
    this.createdAt = ctx.clock.now();
    this.lastModifiedAt = this.createdAt;
    this.labels = {
      delay: `sqs:${name} delay`,
      visibility: `sqs:${name} visibility`,
      retention: `sqs:${name} retention`,
      poll: `sqs:${name} long-poll`,
      dedup: `sqs:${name} deduplication window`,
      attempt: `sqs:${name} receive attempt window`,
    };
  }

  get fifo(): boolean {
    return this.settings.fifo;
  }

  counts(): { visible: number; inflight: number; delayed: number } {
    return { visible: this.visibleCount, inflight: this.inflightCount, delayed: this.delayedCount };
  }

  /** Applies new settings; a retention change re-times every stored message's expiry. */
  reconfigure(next: QueueSettings): void {
    const retentionChanged = next.messageRetentionPeriod !== this.settings.messageRetentionPeriod;
    this.settings = next;
    this.lastModifiedAt = this.ctx.clock.now();
    if (retentionChanged) for (const message of this.byKey.values()) this.scheduleRetention(message);
  }

  // ---- sending -------------------------------------------------------------------------------------------

  send(input: PreparedSend, senderId: string): SendResult {
    const now = this.ctx.clock.now();
    let dedupKey: string | undefined;
    if (this.fifo) {
      dedupKey = this.dedupKeyOf(input);
      const seen = this.dedup.get(dedupKey);
      if (seen !== undefined) {
        this.ctx.trace.record("sqs.message.deduplicated", { queueUrl: this.url, messageId: seen.messageId, deduplicationId: dedupKey });
        return { MessageId: seen.messageId, SequenceNumber: seen.sequenceNumber };
      }
    }
    const messageId = this.ctx.ids.uuid("sqs.ids");
    const sequenceNumber = this.fifo ? this.nextSequenceNumber() : undefined;
    const carried: Carried = {
      messageId,
      body: input.body,
      md5Body: input.md5Body,
      attributes: input.attributes,
      md5Attributes: input.md5Attributes,
      systemAttributes: input.systemAttributes,
      md5SystemAttributes: input.md5SystemAttributes,
      senderId,
      sentTimestamp: now,
      groupId: input.groupId,
      deduplicationId: this.fifo ? (input.deduplicationId ?? dedupKey) : undefined,
    };
    const delay = input.delaySeconds ?? this.settings.delaySeconds;
    this.store(carried, now, sequenceNumber, undefined, delay, false);
    if (dedupKey !== undefined) {
      const key = dedupKey;
      const expiry = this.ctx.scheduler.at(now + LIMITS.deduplicationWindowMs, () => this.dedup.delete(key), { label: this.labels.dedup });
      this.dedup.set(key, { messageId, sequenceNumber, expiry });
    }
    const trace = this.ctx.trace;
    trace.record("sqs.message.sent", {
      queueUrl: this.url,
      messageId,
      delaySeconds: delay,
      ...(input.groupId === undefined ? {} : { messageGroupId: input.groupId }),
      ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
    });
    if (!this.fifo && this.chaos.duplicateProbability > 0 && this.chaosRandom.next() < this.chaos.duplicateProbability) {
      this.store(carried, now, undefined, undefined, delay, true);
      trace.record("sqs.message.sent", { queueUrl: this.url, messageId, delaySeconds: delay, chaosDuplicate: true });
    }
    this.wake();
    return { MessageId: messageId, SequenceNumber: sequenceNumber };
  }

  /** Content-based deduplication hashes the body only ("Exactly-once processing in Amazon SQS"). */
  private dedupKeyOf(input: PreparedSend): string {
    const id = input.deduplicationId ?? sha256(input.body);
    return this.settings.deduplicationScope === "messageGroup" ? `${input.groupId ?? ""}\u0000${id}` : id;
  }

  private nextSequenceNumber(): string {
    this.sequence += 1n;
    // AWS's are large, non-consecutive and increasing; the gap keeps callers from assuming +1 steps.
    return String(SEQUENCE_BASE + this.sequence * 65_536n + BigInt(this.incarnation));
  }

  private store(
    carried: Carried,
    enqueuedAt: number,
    sequenceNumber: string | undefined,
    deadLetterSourceArn: string | undefined,
    delaySeconds: number,
    chaosCopy: boolean,
  ): StoredMessage {
    const message: StoredMessage = {
      key: this.nextKey++,
      messageId: carried.messageId,
      body: carried.body,
      md5Body: carried.md5Body,
      attributes: carried.attributes,
      md5Attributes: carried.md5Attributes,
      systemAttributes: carried.systemAttributes,
      md5SystemAttributes: carried.md5SystemAttributes,
      senderId: carried.senderId,
      sentTimestamp: carried.sentTimestamp,
      enqueuedAt,
      groupId: carried.groupId,
      deduplicationId: carried.deduplicationId,
      sequenceNumber,
      deadLetterSourceArn,
      receiveCount: 0,
      firstReceiveAt: 0,
      receipt: 0,
      receivedAt: 0,
      state: DELAYED,
      timer: undefined,
      retention: undefined,
      prev: undefined,
      next: undefined,
      group: undefined,
    };
    this.byKey.set(message.key, message);
    this.scheduleRetention(message);
    if (this.fifo) this.appendToGroup(message);
    if (delaySeconds > 0) {
      this.delayedCount++;
      message.timer = this.ctx.scheduler.at(this.ctx.clock.now() + delaySeconds * 1000, () => this.delayEnded(message), {
        label: this.labels.delay,
      });
    } else {
      this.makeVisible(message, chaosCopy || this.shouldReorder());
    }
    return message;
  }

  private shouldReorder(): boolean {
    return !this.fifo && this.chaos.reorderProbability > 0 && this.chaosRandom.next() < this.chaos.reorderProbability;
  }

  private scheduleRetention(message: StoredMessage): void {
    message.retention?.cancel();
    const at = message.enqueuedAt + this.settings.messageRetentionPeriod * 1000;
    message.retention = this.ctx.scheduler.at(at, () => this.retentionExpired(message), { label: this.labels.retention });
  }

  // ---- state transitions ---------------------------------------------------------------------------------

  private makeVisible(message: StoredMessage, overtake = false): void {
    message.state = VISIBLE;
    this.visibleCount++;
    if (this.fifo) {
      this.markReady(message.group as Group);
      return;
    }
    const last = this.tail;
    if (overtake && last !== undefined) {
      // Chaos: slip in before the last visible message, so it is delivered out of send order.
      message.next = last;
      message.prev = last.prev;
      if (last.prev === undefined) this.head = message;
      else last.prev.next = message;
      last.prev = message;
      return;
    }
    message.prev = last;
    message.next = undefined;
    if (last === undefined) this.head = message;
    else last.next = message;
    this.tail = message;
  }

  private unlinkVisible(message: StoredMessage): void {
    const { prev, next } = message;
    if (prev === undefined) this.head = next;
    else prev.next = next;
    if (next === undefined) this.tail = prev;
    else next.prev = prev;
    message.prev = undefined;
    message.next = undefined;
  }

  private delayEnded(message: StoredMessage): void {
    message.timer = undefined;
    this.delayedCount--;
    this.makeVisible(message, this.shouldReorder());
    this.wake();
  }

  private visibilityExpired(message: StoredMessage): void {
    message.timer = undefined;
    this.inflightCount--;
    if (message.group !== undefined) message.group.inflight--;
    this.ctx.trace.record("sqs.message.visibility-expired", { queueUrl: this.url, messageId: message.messageId, receiveCount: message.receiveCount });
    this.makeVisible(message);
    this.wake();
  }

  private retentionExpired(message: StoredMessage): void {
    if (message.state === GONE) return;
    this.remove(message);
    this.ctx.trace.record("sqs.message.expired", { queueUrl: this.url, messageId: message.messageId });
    this.wake();
  }

  /** Takes a message out of the queue for good: deleted, expired, purged or moved. */
  private remove(message: StoredMessage): void {
    const state = message.state;
    message.state = GONE;
    message.timer?.cancel();
    message.timer = undefined;
    if (message.retention !== undefined && message.retention.active) message.retention.cancel();
    message.retention = undefined;
    this.byKey.delete(message.key);
    if (state === VISIBLE) this.visibleCount--;
    else if (state === INFLIGHT) this.inflightCount--;
    else if (state === DELAYED) this.delayedCount--;
    const group = message.group;
    if (group !== undefined) {
      if (state === INFLIGHT) group.inflight--;
      const { prev, next } = message;
      if (prev === undefined) group.head = next;
      else prev.next = next;
      if (next === undefined) group.tail = prev;
      else next.prev = prev;
      if (group.head === undefined) this.groups.delete(group.id);
      else this.markReady(group);
    } else if (state === VISIBLE) {
      this.unlinkVisible(message);
    }
    message.prev = undefined;
    message.next = undefined;
    message.group = undefined;
    // The cancelled scheduler entries may outlive the message until their due time: drop what is big.
    message.body = "";
    message.attributes = undefined;
    message.systemAttributes = undefined;
  }

  // ---- FIFO groups ---------------------------------------------------------------------------------------

  private appendToGroup(message: StoredMessage): void {
    const id = message.groupId as string;
    let group = this.groups.get(id);
    if (group === undefined) {
      group = { id, head: undefined, tail: undefined, inflight: 0, queued: false };
      this.groups.set(id, group);
    }
    message.group = group;
    message.prev = group.tail;
    if (group.tail === undefined) group.head = message;
    else group.tail.next = message;
    group.tail = message;
  }

  private markReady(group: Group): void {
    if (group.queued || group.inflight > 0 || group.head === undefined || group.head.state !== VISIBLE) return;
    group.queued = true;
    this.ready.push(group);
  }

  private nextReadyGroup(): Group | undefined {
    while (this.readyHead < this.ready.length) {
      const group = this.ready[this.readyHead++] as Group;
      group.queued = false;
      if (group.inflight === 0 && group.head !== undefined && group.head.state === VISIBLE && this.groups.get(group.id) === group) {
        this.compactReady();
        return group;
      }
    }
    this.compactReady();
    return undefined;
  }

  private compactReady(): void {
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
  }

  // ---- receiving -----------------------------------------------------------------------------------------

  /** ReceiveMessage: returns at once when messages are there or no wait applies; otherwise a long poll. */
  receive(rules: ReceiveRules, attemptId: string | undefined): Message[] | Promise<Message[]> {
    if (attemptId !== undefined && this.fifo) {
      const replay = this.replayAttempt(attemptId);
      if (replay !== undefined) return replay;
    }
    const taken = this.hasWaiters() ? [] : this.take(rules);
    const waitSeconds = rules.waitTimeSeconds ?? this.settings.receiveMessageWaitTimeSeconds;
    if (taken.length > 0 || waitSeconds === 0) {
      if (attemptId !== undefined && this.fifo && taken.length > 0) this.rememberAttempt(attemptId, rules, taken);
      return taken;
    }
    const promise = new Promise<Message[]>((resolve) => {
      const waiter: Waiter = { rules, resolve, timer: undefined, done: false };
      waiter.timer = this.ctx.scheduler.after(waitSeconds * 1000, () => this.finishWaiter(waiter, []), { label: this.labels.poll });
      this.waiters.push(waiter);
    });
    return this.ctx.scheduler.waitFor(promise);
  }

  private hasWaiters(): boolean {
    while (this.waitersHead < this.waiters.length && (this.waiters[this.waitersHead] as Waiter).done) this.waitersHead++;
    if (this.waitersHead === this.waiters.length && this.waitersHead > 0) {
      this.waiters = [];
      this.waitersHead = 0;
    }
    return this.waitersHead < this.waiters.length;
  }

  private finishWaiter(waiter: Waiter, messages: Message[]): void {
    if (waiter.done) return;
    waiter.done = true;
    waiter.timer?.cancel();
    this.ctx.scheduler.touch();
    waiter.resolve(messages);
  }

  /** Runs `body` with wake-ups deferred to its end, so a batch reaches a waiting receiver as one batch. */
  batch<R>(body: () => R): R {
    this.holdWake++;
    try {
      return body();
    } finally {
      this.holdWake--;
      this.wake();
    }
  }

  /** Something may have become receivable: serve the waiting receivers fairly, in arrival order. */
  private wake(): void {
    if (this.holdWake > 0) return;
    while (this.hasWaiters()) {
      const waiter = this.waiters[this.waitersHead] as Waiter;
      const taken = this.take(waiter.rules);
      if (taken.length === 0) return;
      this.waitersHead++;
      this.finishWaiter(waiter, taken);
    }
  }

  private take(rules: ReceiveRules): Message[] {
    const out: Message[] = [];
    const visibility = rules.visibilityTimeout ?? this.settings.visibilityTimeout;
    const immediate: StoredMessage[] = [];
    if (this.fifo) {
      while (out.length < rules.max) {
        const group = this.nextReadyGroup();
        if (group === undefined) break;
        let message = group.head;
        while (message !== undefined && out.length < rules.max && message.state === VISIBLE) {
          const following: StoredMessage | undefined = message.next;
          this.deliverOrRedrive(message, rules, visibility, out, immediate);
          message = following;
        }
      }
    } else {
      while (out.length < rules.max && this.head !== undefined) {
        const message = this.head;
        this.unlinkVisible(message);
        this.deliverOrRedrive(message, rules, visibility, out, immediate);
      }
    }
    // VisibilityTimeout 0: visible again at once, but never twice in the same response.
    for (const message of immediate) if (message.state === INFLIGHT) this.release(message);
    return out;
  }

  private deliverOrRedrive(message: StoredMessage, rules: ReceiveRules, visibility: number, out: Message[], immediate: StoredMessage[]): void {
    const policy = this.settings.redrivePolicy;
    if (policy !== undefined && message.receiveCount >= policy.maxReceiveCount) {
      const target = this.directory.byArn(policy.deadLetterTargetArn);
      // "Amazon SQS dead-letter queues": moved on the receive that would exceed maxReceiveCount. With the DLQ
      // gone there is nowhere to move it, so it is delivered as if no policy were set.
      if (target !== undefined && target !== this) {
        this.moveTo(message, target, "dlq");
        return;
      }
    }
    this.visibleCount--;
    this.inflightCount++;
    const now = this.ctx.clock.now();
    message.state = INFLIGHT;
    message.receiveCount++;
    if (message.receiveCount === 1) message.firstReceiveAt = now;
    message.receipt++;
    message.receivedAt = now;
    if (message.group !== undefined) message.group.inflight++;
    if (visibility === 0) immediate.push(message);
    else message.timer = this.ctx.scheduler.at(now + visibility * 1000, () => this.visibilityExpired(message), { label: this.labels.visibility });
    this.ctx.trace.record("sqs.message.received", {
      queueUrl: this.url,
      messageId: message.messageId,
      receiveCount: message.receiveCount,
      visibilityTimeout: visibility,
    });
    out.push(this.shape(message, rules));
  }

  /** In flight → visible now (ChangeMessageVisibility to 0, a 0-second receive). */
  private release(message: StoredMessage): void {
    message.timer?.cancel();
    message.timer = undefined;
    this.inflightCount--;
    if (message.group !== undefined) message.group.inflight--;
    this.makeVisible(message);
  }

  private moveTo(message: StoredMessage, target: Queue, why: "dlq" | "redrive"): void {
    const carried: Carried = { ...message };
    const enqueuedAt = message.enqueuedAt;
    const receiveCount = message.receiveCount;
    this.remove(message);
    if (why === "dlq") {
      target.acceptMoved(carried, this.arn, enqueuedAt);
      this.ctx.trace.record("sqs.message.moved-to-dlq", {
        queueUrl: this.url,
        messageId: carried.messageId,
        deadLetterQueueUrl: target.url,
        receiveCount,
      });
    } else {
      target.acceptMoved(carried, undefined, this.ctx.clock.now());
      this.ctx.trace.record("sqs.message.redriven", { queueUrl: this.url, messageId: carried.messageId, destinationUrl: target.url });
    }
  }

  /** Stores a message moved here from another queue, keeping its MessageId, body and attributes. */
  acceptMoved(carried: Carried, deadLetterSourceArn: string | undefined, enqueuedAt: number): void {
    if (this.disposed) return;
    // "Amazon SQS dead-letter queues": a FIFO queue resets the enqueue timestamp; a standard one keeps it.
    const at = this.fifo ? this.ctx.clock.now() : enqueuedAt;
    const sequenceNumber = this.fifo ? this.nextSequenceNumber() : undefined;
    const groupId = this.fifo ? (carried.groupId ?? "default") : carried.groupId;
    this.store({ ...carried, groupId }, at, sequenceNumber, deadLetterSourceArn, 0, false);
    this.wake();
  }

  /** Message move task step: moves up to `limit` visible messages to their destination. Returns how many moved. */
  redrive(limit: number, destination: (message: { deadLetterSourceArn: string | undefined }) => Queue | undefined): number {
    let moved = 0;
    while (moved < limit) {
      const message = this.fifo ? this.nextReadyGroup()?.head : this.head;
      if (message === undefined) break;
      const target = destination(message);
      if (target === undefined) break;
      if (!this.fifo) this.unlinkVisible(message);
      this.visibleCount--;
      message.state = INFLIGHT;
      this.inflightCount++;
      if (message.group !== undefined) message.group.inflight++;
      this.moveTo(message, target, "redrive");
      moved++;
    }
    return moved;
  }

  private shape(message: StoredMessage, rules: ReceiveRules): Message {
    const out: Message = {
      MessageId: message.messageId,
      ReceiptHandle: this.receiptHandle(message),
      MD5OfBody: message.md5Body,
      Body: message.body,
    };
    if (rules.systemNames.size > 0) out.Attributes = this.systemAttributesOf(message, rules.systemNames);
    const selection = rules.attributeNames;
    if (selection !== undefined && message.attributes !== undefined) {
      if (selection === "all") {
        out.MessageAttributes = message.attributes;
        if (message.md5Attributes !== undefined) out.MD5OfMessageAttributes = message.md5Attributes;
      } else {
        const picked: MessageAttributeMap = Object.create(null) as MessageAttributeMap;
        let any = false;
        for (const name of Object.keys(message.attributes)) {
          if (selection.exact.has(name) || selection.prefixes.some((prefix) => name.startsWith(prefix))) {
            picked[name] = message.attributes[name] as MessageAttributeMap[string];
            any = true;
          }
        }
        if (any) {
          out.MessageAttributes = { ...picked };
          // The SDK checks the digest against the attributes it got back, so it covers only those.
          out.MD5OfMessageAttributes = md5OfAttributes(picked) as string;
        }
      }
    }
    return out;
  }

  private systemAttributesOf(message: StoredMessage, names: ReadonlySet<string>): Partial<Record<MessageSystemAttributeName, string>> {
    const all = names.has("All");
    const want = (name: MessageSystemAttributeName): boolean => all || names.has(name);
    const out: Partial<Record<MessageSystemAttributeName, string>> = {};
    if (want("SenderId")) out.SenderId = message.senderId;
    if (want("SentTimestamp")) out.SentTimestamp = String(message.sentTimestamp);
    if (want("ApproximateReceiveCount")) out.ApproximateReceiveCount = String(message.receiveCount);
    if (want("ApproximateFirstReceiveTimestamp")) out.ApproximateFirstReceiveTimestamp = String(message.firstReceiveAt);
    if (message.sequenceNumber !== undefined && want("SequenceNumber")) out.SequenceNumber = message.sequenceNumber;
    if (message.deduplicationId !== undefined && want("MessageDeduplicationId")) out.MessageDeduplicationId = message.deduplicationId;
    if (message.groupId !== undefined && want("MessageGroupId")) out.MessageGroupId = message.groupId;
    const trace = message.systemAttributes?.["AWSTraceHeader"]?.StringValue;
    if (trace !== undefined && want("AWSTraceHeader")) out.AWSTraceHeader = trace;
    if (message.deadLetterSourceArn !== undefined && want("DeadLetterQueueSourceArn")) out.DeadLetterQueueSourceArn = message.deadLetterSourceArn;
    return out;
  }

  // ---- receipt handles -----------------------------------------------------------------------------------

  /**
   * Opaque to callers, but it names the queue incarnation, the message and the receive it came from, so an
   * old handle still finds its message (AWS lets it delete) and a forged one is recognisably invalid.
   */
  private receiptHandle(message: StoredMessage): string {
    const payload = Buffer.from(`${this.incarnation}:${message.key}:${message.receipt}`, "utf8").toString("base64url");
    const nonce = (this.receiptRandom.int(0x1_0000_0000) * 0x1_0000 + this.receiptRandom.int(0x1_0000)).toString(36).padStart(NONCE_LENGTH, "0");
    return `AQEB${nonce}${payload}`;
  }

  private parseHandle(handle: unknown): { key: number; receipt: number } {
    const invalid = () => errors.ReceiptHandleIsInvalid(`The input receipt handle "${String(handle)}" is not a valid receipt handle.`);
    if (typeof handle !== "string" || !handle.startsWith("AQEB") || handle.length <= 4 + NONCE_LENGTH) throw invalid();
    const payload = Buffer.from(handle.slice(4 + NONCE_LENGTH), "base64url").toString("utf8");
    const match = /^(\d+):(\d+):(\d+)$/.exec(payload);
    if (match === null || Number(match[1]) !== this.incarnation || Number(match[3]) < 1) throw invalid();
    return { key: Number(match[2]), receipt: Number(match[3]) };
  }

  /** Validates a handle without changing anything (batch actions check every entry first). */
  checkHandle(handle: unknown): void {
    this.parseHandle(handle);
  }

  /** DeleteMessage. A message already gone is no error ("DeleteMessage": it may have been deleted before). */
  deleteMessage(handle: unknown): void {
    const { key } = this.parseHandle(handle);
    const message = this.byKey.get(key);
    if (message === undefined) return;
    const messageId = message.messageId;
    this.remove(message);
    this.ctx.trace.record("sqs.message.deleted", { queueUrl: this.url, messageId });
    this.wake();
  }

  /** ChangeMessageVisibility: counts from now; in total at most 12 hours from the receive. */
  changeVisibility(handle: unknown, seconds: number): void {
    const { key } = this.parseHandle(handle);
    const message = this.byKey.get(key);
    if (message === undefined || message.state !== INFLIGHT) {
      throw errors.MessageNotInflight("Message does not exist or is not available for visibility timeout change.");
    }
    const now = this.ctx.clock.now();
    if (now + seconds * 1000 > message.receivedAt + LIMITS.maxVisibilitySeconds * 1000) {
      throw errors.InvalidParameterValue(
        `Value ${seconds} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]`,
      );
    }
    this.applyVisibility(message, seconds);
  }

  private applyVisibility(message: StoredMessage, seconds: number): void {
    if (seconds === 0) {
      this.release(message);
      this.wake();
      return;
    }
    message.timer?.cancel();
    message.timer = this.ctx.scheduler.at(this.ctx.clock.now() + seconds * 1000, () => this.visibilityExpired(message), {
      label: this.labels.visibility,
    });
  }

  // ---- FIFO receive attempts -----------------------------------------------------------------------------

  /** "ReceiveMessage" ReceiveRequestAttemptId: a retry within 5 minutes gets the same batch while it is untouched. */
  private replayAttempt(attemptId: string): Message[] | undefined {
    const record = this.attempts.get(attemptId);
    if (record === undefined) return undefined;
    const intact = record.messages.every((message, i) => message.state === INFLIGHT && message.receipt === record.receipts[i]);
    if (!intact) {
      record.expiry.cancel();
      this.attempts.delete(attemptId);
      return undefined;
    }
    for (const message of record.messages) this.applyVisibility(message, record.visibilityTimeout);
    return record.output;
  }

  private rememberAttempt(attemptId: string, rules: ReceiveRules, output: Message[]): void {
    const messages: StoredMessage[] = [];
    for (const shaped of output) {
      const { key } = this.parseHandle(shaped.ReceiptHandle);
      const message = this.byKey.get(key);
      if (message !== undefined) messages.push(message);
    }
    const expiry = this.ctx.scheduler.after(LIMITS.deduplicationWindowMs, () => this.attempts.delete(attemptId), { label: this.labels.attempt });
    this.attempts.get(attemptId)?.expiry.cancel();
    this.attempts.set(attemptId, {
      messages,
      receipts: messages.map((message) => message.receipt),
      output,
      visibilityTimeout: rules.visibilityTimeout ?? this.settings.visibilityTimeout,
      expiry,
    });
  }

  // ---- queue-wide ----------------------------------------------------------------------------------------

  /** PurgeQueue: every message goes, whatever its state. Returns how many. */
  purge(): number {
    const all = [...this.byKey.values()];
    for (const message of all) this.remove(message);
    this.lastPurgeAt = this.ctx.clock.now();
    return all.length;
  }

  /** DeleteQueue: cancels all pending work; waiting receivers get an empty answer. */
  dispose(): void {
    this.disposed = true;
    this.purge();
    for (const record of this.dedup.values()) record.expiry.cancel();
    this.dedup.clear();
    for (const record of this.attempts.values()) record.expiry.cancel();
    this.attempts.clear();
    while (this.hasWaiters()) this.finishWaiter(this.waiters[this.waitersHead++] as Waiter, []);
  }

  /** Every live message, for invariant checks in tests and snapshots: states by MessageId. */
  inspect(): { messageId: string; state: "delayed" | "visible" | "inflight"; receiveCount: number; groupId: string | undefined }[] {
    const names = ["delayed", "visible", "inflight"] as const;
    return [...this.byKey.values()].map((message) => ({
      messageId: message.messageId,
      state: names[message.state as 0 | 1 | 2],
      receiveCount: message.receiveCount,
      groupId: message.groupId,
    }));
  }
}

const NONCE_LENGTH = 12;

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

