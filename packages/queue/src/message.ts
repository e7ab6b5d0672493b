import type { TaskHandle } from "@simcloud/clock";
import type { MessageAttributeMap } from "@simcloud/core";

export const DELAYED = 0;
export const VISIBLE = 1;
export const INFLIGHT = 2;
export const GONE = 3;
export type MessageState = typeof DELAYED | typeof VISIBLE | typeof INFLIGHT | typeof GONE;

/** A FIFO message group: its messages in order (in flight ones included) and how many are in flight. */
export interface Group {
  readonly id: string;
  head: StoredMessage | undefined;
  tail: StoredMessage | undefined;
  inflight: number;
  /** In the queue's ready list (maybe stale: re-checked when taken). */
  queued: boolean;
}

/**
 * One stored copy of a message. Plain mutable fields on purpose: this is the hot path. `prev`/`next` link it
 * into exactly one list — the visible list of a standard queue, or its group's list in a FIFO queue — so
 * removal from the middle (delete with an old receipt handle, retention expiry) is O(1).
 */
export interface StoredMessage {
  readonly key: number;
  readonly messageId: string;
  body: string;
  readonly md5Body: string;
  attributes: MessageAttributeMap | undefined;
  readonly md5Attributes: string | undefined;
  systemAttributes: MessageAttributeMap | undefined;
  readonly md5SystemAttributes: string | undefined;
  readonly senderId: string;
  readonly sentTimestamp: number;
  /** What retention counts from; a standard queue's DLQ keeps the original ("Amazon SQS dead-letter queues"). */
  enqueuedAt: number;
  readonly groupId: string | undefined;
  readonly deduplicationId: string | undefined;
  readonly sequenceNumber: string | undefined;
  readonly deadLetterSourceArn: string | undefined;
  receiveCount: number;
  firstReceiveAt: number;
  /** Bumped on every receive: a receipt handle names the receive it came from. */
  receipt: number;
  /** When the current receive started: the 12-hour visibility ceiling counts from it. */
  receivedAt: number;
  state: MessageState;
  /** Delay end or visibility expiry, whichever is pending. */
  timer: TaskHandle | undefined;
  retention: TaskHandle | undefined;
  prev: StoredMessage | undefined;
  next: StoredMessage | undefined;
  group: Group | undefined;
}
