import { hash } from "node:crypto";
import { ExpiryWindow, type RandomStream } from "@simcloud/clock";
import { currentLineage, tagLineage, TagSet, type MessageAttributeMap, type SimContext, type TraceEventMap } from "@simcloud/core";
import { ReceiveAttempts } from "./attempts";
import { errors } from "./errors";
import { LIMITS } from "./limits";
import { sqsTagRules } from "./tags";
import { KeyTable } from "./keys";
import { DELAYED, GONE, INFLIGHT, VISIBLE, type Group, type StoredMessage } from "./message";
import { MessageDeadlines } from "./message-deadlines";
import { createReceiptKey, encodeHandle, handleKey, lastHandleReceipt, type ReceiptKey } from "./receipts";
import { RetentionList } from "./retention";
import type { QueueSettings } from "./settings";
import { shapeMessage } from "./shape";
import type { Message, QueueChaos } from "./types";
import type { ReceiveRules } from "./validate";
import { Waiters, type Waiter } from "./waiters";
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

interface DedupRecord {
  messageId: string;
  sequenceNumber: string | undefined;
}

/** The queue service's view of its other queues: a queue delivers to its DLQ through it. */
export interface QueueDirectory {
  byArn(arn: string): Queue | undefined;
}

const SEQUENCE_BASE = 18_000_000_000_000_000_000n;

/**
 * One SQS queue's behaviour. Nothing scans per tick, and no message owns a scheduler task: delay ends and
 * visibility expiries are `MessageDeadlines` (one heap, one task for its top); retention is a `RetentionList`
 * (enqueue order, one background task for its oldest entry); deduplication and receive-attempt windows are
 * `ExpiryWindow`s. Long polls (`Waiters`) have a task each.
 * Housekeeping (retention, windows) is scheduled `background`: it runs when time reaches it but does not keep
 * runUntilIdle going.
 */
export class Queue {
  settings: QueueSettings;
  readonly createdAt: number;
  lastModifiedAt: number;
  lastPurgeAt = -Infinity;
  /** Replaced whole by CreateQueue once its tags pass; changed in place by TagQueue / UntagQueue. */
  tags = new TagSet(sqsTagRules);
  chaos: Required<QueueChaos> = { duplicateProbability: 0, reorderProbability: 0 };

  private readonly byKey = new KeyTable<StoredMessage>();
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
  private readonly waiters: Waiters;
  private readonly dedup: ExpiryWindow<string, DedupRecord>;
  private readonly attempts: ReceiveAttempts;
  private readonly labels: { delay: string; visibility: string; retention: string; poll: string; dedup: string; attempt: string };
  private disposed = false;
  private holdWake = 0;
  private readonly receiptKey: ReceiptKey;
  private readonly deadlines: MessageDeadlines;
  private readonly retention: RetentionList;

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
    this.receiptKey = createReceiptKey(ctx.random.stream("sqs.receipts"), incarnation);
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
    this.dedup = new ExpiryWindow(ctx.scheduler, { windowMs: LIMITS.deduplicationWindowMs, label: this.labels.dedup });
    this.attempts = new ReceiveAttempts(ctx.scheduler, this.labels.attempt);
    this.waiters = new Waiters(ctx.scheduler);
    this.deadlines = new MessageDeadlines(ctx.scheduler, this.labels, this);
    this.retention = new RetentionList(
      ctx.scheduler,
      this.labels.retention,
      () => this.settings.messageRetentionPeriod * 1000,
      (message) => this.retentionExpired(message),
    );
  }

  get fifo(): boolean {
    return this.settings.fifo;
  }

  counts(): { visible: number; inflight: number; delayed: number } {
    return { visible: this.visibleCount, inflight: this.inflightCount, delayed: this.delayedCount };
  }

  /** Applies new settings; a retention change re-times every stored message's expiry (they keep their order). */
  reconfigure(next: QueueSettings): void {
    const retentionChanged = next.messageRetentionPeriod !== this.settings.messageRetentionPeriod;
    this.settings = next;
    this.lastModifiedAt = this.ctx.clock.now();
    if (retentionChanged) this.retention.arm(true);
  }

  // ---- sending -------------------------------------------------------------------------------------------

  send(input: PreparedSend, senderId: string): SendResult {
    const now = this.ctx.clock.now();
    let dedupKey: string | undefined;
    let dedupId: string | undefined;
    if (this.fifo) {
      // Content-based deduplication: the body's SHA-256 is the deduplication ID ("Exactly-once processing in Amazon SQS").
      dedupId = input.deduplicationId ?? sha256(input.body);
      dedupKey = this.settings.deduplicationScope === "messageGroup" ? `${input.groupId ?? ""}\u0000${dedupId}` : dedupId;
      const seen = this.dedup.get(dedupKey);
      if (seen !== undefined) {
        this.ctx.trace.record("sqs.message.deduplicated", { queueUrl: this.url, messageId: seen.messageId, deduplicationId: dedupId });
        return { MessageId: seen.messageId, SequenceNumber: seen.sequenceNumber };
      }
    }
    const messageId = this.ctx.ids.uuid("sqs.ids");
    const sequenceNumber = this.fifo ? this.nextSequenceNumber() : undefined;
    const delay = input.delaySeconds ?? this.settings.delaySeconds;
    const message = this.newMessage(
      messageId,
      input.body,
      input.md5Body,
      input.attributes,
      input.md5Attributes,
      input.systemAttributes,
      input.md5SystemAttributes,
      senderId,
      now,
      input.groupId,
      // The MessageDeduplicationId attribute is the producer's, or the body's SHA-256 (never the scoped key).
      dedupId,
      now,
      sequenceNumber,
      undefined,
    );
    // A message sent by a Lambda handler carries its request chain (recursive loop detection), invisibly.
    tagLineage(message, currentLineage());
    this.place(message, delay, false);
    if (dedupKey !== undefined) this.dedup.set(dedupKey, { messageId, sequenceNumber });
    const trace = this.ctx.trace;
    if (trace.active) {
      const event: TraceEventMap["sqs.message.sent"] = { queueUrl: this.url, messageId, delaySeconds: delay, body: input.body };
      if (input.groupId !== undefined) event.messageGroupId = input.groupId;
      if (sequenceNumber !== undefined) event.sequenceNumber = sequenceNumber;
      trace.record("sqs.message.sent", event);
    }
    if (!this.fifo && this.chaos.duplicateProbability > 0 && this.chaosRandom.next() < this.chaos.duplicateProbability) {
      // The chaos copy carries the same fields (a StoredMessage is a Carried).
      this.store(message, now, undefined, undefined, delay, true);
      trace.record("sqs.message.sent", { queueUrl: this.url, messageId, delaySeconds: delay, body: input.body, chaosDuplicate: true });
    }
    this.wake();
    return { MessageId: messageId, SequenceNumber: sequenceNumber };
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
    const message = this.newMessage(
      carried.messageId,
      carried.body,
      carried.md5Body,
      carried.attributes,
      carried.md5Attributes,
      carried.systemAttributes,
      carried.md5SystemAttributes,
      carried.senderId,
      carried.sentTimestamp,
      carried.groupId,
      carried.deduplicationId,
      enqueuedAt,
      sequenceNumber,
      deadLetterSourceArn,
    );
    this.place(message, delaySeconds, chaosCopy);
    return message;
  }

  /** The one place a StoredMessage is built (one object shape), from plain arguments: no intermediate object per send. */
  private newMessage(
    messageId: string,
    body: string,
    md5Body: string,
    attributes: MessageAttributeMap | undefined,
    md5Attributes: string | undefined,
    systemAttributes: MessageAttributeMap | undefined,
    md5SystemAttributes: string | undefined,
    senderId: string,
    sentTimestamp: number,
    groupId: string | undefined,
    deduplicationId: string | undefined,
    enqueuedAt: number,
    sequenceNumber: string | undefined,
    deadLetterSourceArn: string | undefined,
  ): StoredMessage {
    return {
      key: this.nextKey++,
      messageId,
      body,
      md5Body,
      attributes,
      md5Attributes,
      systemAttributes,
      md5SystemAttributes,
      senderId,
      sentTimestamp,
      enqueuedAt,
      groupId,
      deduplicationId,
      sequenceNumber,
      deadLetterSourceArn,
      receiveCount: 0,
      // firstReceiveAt, receivedAt and due are set before they are read. Starting them at a time rather than 0
      // keeps their field representation (double) from changing later, which would deprecate the object's
      // hidden class and send later allocations and property accesses down V8's slow path.
      firstReceiveAt: enqueuedAt,
      receipt: 0,
      receivedAt: enqueuedAt,
      state: DELAYED,
      due: enqueuedAt,
      dueSeq: 0,
      heapIndex: -1,
      older: undefined,
      newer: undefined,
      prev: undefined,
      next: undefined,
      group: undefined,
    };
  }

  /** Puts a new message in the queue: delayed, or visible at once. */
  private place(message: StoredMessage, delaySeconds: number, chaosCopy: boolean): void {
    this.byKey.add(message.key, message);
    this.retention.add(message);
    if (this.fifo) this.appendToGroup(message);
    if (delaySeconds > 0) {
      this.delayedCount++;
      this.deadlines.set(message, this.ctx.clock.now() + delaySeconds * 1000);
    } else {
      this.makeVisible(message, chaosCopy || this.shouldReorder());
    }
  }

  private shouldReorder(): boolean {
    return !this.fifo && this.chaos.reorderProbability > 0 && this.chaosRandom.next() < this.chaos.reorderProbability;
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

  /** A delayed message's delay is over (its deadline came). */
  delayEnded(message: StoredMessage): void {
    this.delayedCount--;
    this.makeVisible(message, this.shouldReorder());
    this.wake();
  }

  /** An in-flight message's visibility timeout is over (its deadline came). */
  visibilityExpired(message: StoredMessage): void {
    this.inflightCount--;
    if (message.group !== undefined) message.group.inflight--;
    const trace = this.ctx.trace;
    if (trace.active) trace.record("sqs.message.visibility-expired", { queueUrl: this.url, messageId: message.messageId, receiveCount: message.receiveCount });
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
    this.deadlines.clear(message);
    this.retention.remove(message);
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
    // Old receipt handles and replay records may still reach the message: drop what is big.
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

  /**
   * A group may deliver while its head is visible: the visible messages from the head up to the first one in flight
   * (AWS's recorded test_fifo_group_visibility_extends_with_change_message_visibility: with the second message's
   * visibility extended, the first, visible again, is received; with the first's extended, nothing is).
   */
  private markReady(group: Group): void {
    if (group.queued || group.head === undefined || group.head.state !== VISIBLE) return;
    group.queued = true;
    this.ready.push(group);
  }

  /** The first group that may deliver, left in the ready list (stale entries before it are dropped). */
  private peekReadyGroup(): Group | undefined {
    while (this.readyHead < this.ready.length) {
      const group = this.ready[this.readyHead] as Group;
      if (group.head !== undefined && group.head.state === VISIBLE && this.groups.get(group.id) === group) return group;
      group.queued = false;
      this.readyHead++;
    }
    this.compactReady();
    return undefined;
  }

  private nextReadyGroup(): Group | undefined {
    const group = this.peekReadyGroup();
    if (group === undefined) return undefined;
    group.queued = false;
    this.readyHead++;
    this.compactReady();
    return group;
  }

  private compactReady(): void {
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
  }

  // ---- receiving -----------------------------------------------------------------------------------------

  /**
   * ReceiveMessage: returns at once when messages are there or no wait applies; otherwise a long poll. A
   * `background` poll (a poller inside the simulator) is not awaited through the scheduler and its timeout is a
   * background task, so it neither makes autoAdvance jump nor keeps runUntilIdle going.
   */
  receive(rules: ReceiveRules, attemptId: string | undefined, background = false): Message[] | Promise<Message[]> {
    if (attemptId !== undefined && this.fifo) {
      const replay = this.attempts.replay(attemptId, (message, seconds) => this.applyVisibility(message, seconds));
      if (replay !== undefined) return replay;
    }
    const taken = this.waiters.first() !== undefined ? [] : this.take(rules);
    const waitSeconds = rules.waitTimeSeconds ?? this.settings.receiveMessageWaitTimeSeconds;
    if (taken.length > 0 || waitSeconds === 0) {
      if (attemptId !== undefined && this.fifo && taken.length > 0) this.rememberAttempt(attemptId, rules, taken);
      return taken;
    }
    const promise = this.waiters.wait(rules, waitSeconds * 1000, this.labels.poll, background, (waiter) => this.pollTimedOut(waiter));
    return background ? promise : this.ctx.scheduler.waitFor(promise);
  }

  /**
   * A long poll's wait is over. This queue's own deadlines due at this very time are applied first, so a message
   * whose delay or visibility ends as the poll ends is delivered whatever order their tasks were armed in.
   */
  private pollTimedOut(waiter: Waiter): void {
    if (waiter.done) return;
    waiter.timer = undefined;
    if (this.deadlines.anyDue()) this.deadlines.runDue();
    this.waiters.finish(waiter, []);
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
    for (let waiter = this.waiters.first(); waiter !== undefined; waiter = this.waiters.first()) {
      const taken = this.take(waiter.rules);
      if (taken.length === 0) return;
      this.waiters.finish(waiter, taken);
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
      // deliverOrRedrive takes the head off the visible list itself (a move's remove() unlinks it).
      while (out.length < rules.max && this.head !== undefined) this.deliverOrRedrive(this.head, rules, visibility, out, immediate);
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
    if (message.group === undefined) this.unlinkVisible(message);
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
    else this.deadlines.set(message, now + visibility * 1000);
    if (this.ctx.trace.active) {
      this.ctx.trace.record("sqs.message.received", {
        queueUrl: this.url,
        messageId: message.messageId,
        receiveCount: message.receiveCount,
        visibilityTimeout: visibility,
      });
    }
    out.push(shapeMessage(message, this.receiptHandle(message), rules));
  }

  /** In flight → visible now (ChangeMessageVisibility to 0, a 0-second receive). */
  private release(message: StoredMessage): void {
    this.deadlines.clear(message);
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
      // The dead-letter copy keeps its receive history: AWS's recorded DLQ messages read ApproximateReceiveCount "2"
      // after one receive from the DLQ (test_dead_letter_queue_message_attributes).
      target.acceptMoved(carried, this.arn, enqueuedAt, { receiveCount, firstReceiveAt: message.firstReceiveAt });
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
  acceptMoved(
    carried: Carried,
    deadLetterSourceArn: string | undefined,
    enqueuedAt: number,
    history?: { receiveCount: number; firstReceiveAt: StoredMessage["firstReceiveAt"] },
  ): void {
    if (this.disposed) return;
    // "Amazon SQS dead-letter queues": a FIFO queue resets the enqueue timestamp; a standard one keeps it.
    const at = this.fifo ? this.ctx.clock.now() : enqueuedAt;
    const sequenceNumber = this.fifo ? this.nextSequenceNumber() : undefined;
    const groupId = this.fifo ? (carried.groupId ?? "default") : carried.groupId;
    const stored = this.store({ ...carried, groupId }, at, sequenceNumber, deadLetterSourceArn, 0, false);
    if (history !== undefined) {
      stored.receiveCount = history.receiveCount;
      stored.firstReceiveAt = history.firstReceiveAt;
    }
    this.wake();
  }

  /** Message move task step: moves up to `limit` visible messages to their destination. Returns how many moved. */
  redrive(limit: number, destination: (message: { deadLetterSourceArn: string | undefined }) => Queue | undefined): number {
    let moved = 0;
    while (moved < limit) {
      // Looked at, not taken: with no destination the message (and its group) must stay where it is.
      const message = this.fifo ? this.peekReadyGroup()?.head : this.head;
      if (message === undefined) break;
      const target = destination(message);
      if (target === undefined) break;
      if (this.fifo) this.nextReadyGroup();
      else this.unlinkVisible(message);
      this.visibleCount--;
      message.state = INFLIGHT;
      this.inflightCount++;
      if (message.group !== undefined) message.group.inflight++;
      this.moveTo(message, target, "redrive");
      moved++;
    }
    return moved;
  }

  // ---- receipt handles -----------------------------------------------------------------------------------

  /**
   * Opaque to callers, but it names the queue incarnation, the message and the receive it came from, so an
   * old handle still finds its message (AWS lets it delete) and a forged one is recognisably invalid.
   */
  private receiptHandle(message: StoredMessage): string {
    return encodeHandle(this.receiptKey, message.key, message.receipt);
  }

  /** The key of the message a handle names; ReceiptHandleIsInvalid for anything this queue never issued. */
  private parseHandle(handle: unknown): number {
    const key = handleKey(handle, this.receiptKey);
    if (key < 0) throw errors.ReceiptHandleIsInvalid(`The input receipt handle "${String(handle)}" is not a valid receipt handle.`);
    return key;
  }

  /** Validates a handle without changing anything (batch actions check every entry first). */
  checkHandle(handle: unknown): void {
    this.parseHandle(handle);
  }

  /**
   * DeleteMessage. A message already gone is no error ("DeleteMessage": it may have been deleted before). In a
   * FIFO queue a handle expires with its receive's visibility timeout (AWS Knowledge Center, "ReceiptHandleIsInvalid
   * or InvalidParameterValue errors when deleting SQS messages"): a handle of an earlier receive, or of a receive
   * whose visibility timeout has passed, is InvalidParameterValue and the message stays. A standard queue's old
   * handles may still delete ("the request succeeds, but the message might not be deleted"), and here they do.
   */
  deleteMessage(handle: unknown): void {
    const message = this.messageOf(handle);
    if (message === undefined) return;
    const messageId = message.messageId;
    this.remove(message);
    if (this.ctx.trace.active) this.ctx.trace.record("sqs.message.deleted", { queueUrl: this.url, messageId });
    this.wake();
  }

  /**
   * The message a handle names (undefined once it is gone), under the rules DeleteMessage and ChangeMessageVisibility
   * share: ReceiptHandleIsInvalid for a handle never issued here; in a FIFO queue, InvalidParameterValue for a handle
   * of an earlier receive or of one whose visibility timeout has passed, so a slow consumer can neither delete nor
   * release a message another consumer now holds.
   */
  private messageOf(handle: unknown): StoredMessage | undefined {
    const message = this.byKey.get(this.parseHandle(handle));
    if (message !== undefined && this.fifo && (message.state !== INFLIGHT || message.receipt !== lastHandleReceipt())) {
      throw errors.InvalidParameterValue(`Value ${String(handle)} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`);
    }
    return message;
  }

  /** ChangeMessageVisibility: counts from now; in total at most 12 hours from the receive. */
  changeVisibility(handle: unknown, seconds: number): void {
    const message = this.messageOf(handle);
    if (message === undefined) {
      // AWS's answer for a deleted message (LocalStack's AWS-validated test_change_visibility_on_deleted_message…).
      throw errors.InvalidParameterValue(
        `Value ${String(handle)} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
      );
    }
    if (message.state !== INFLIGHT) {
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
    this.deadlines.set(message, this.ctx.clock.now() + seconds * 1000);
  }

  // ---- FIFO receive attempts -----------------------------------------------------------------------------

  private rememberAttempt(attemptId: string, rules: ReceiveRules, output: Message[]): void {
    const messages: StoredMessage[] = [];
    for (const shaped of output) {
      const message = this.byKey.get(this.parseHandle(shaped.ReceiptHandle));
      if (message !== undefined) messages.push(message);
    }
    this.attempts.remember(attemptId, messages, output, rules.visibilityTimeout ?? this.settings.visibilityTimeout);
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
    this.dedup.clear();
    this.attempts.clear();
    this.retention.disarm();
    this.waiters.finishAll([]);
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

function sha256(text: string): string {
  return hash("sha256", text, "hex");
}

