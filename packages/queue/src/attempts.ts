import { ExpiryWindow, type Scheduler } from "@simcloud/clock";
import { LIMITS } from "./limits";
import { INFLIGHT, type StoredMessage } from "./message";
import type { Message } from "./types";

interface AttemptRecord {
  messages: StoredMessage[];
  /** Each message's receive number when it was answered: a later receive or a release makes the batch stale. */
  receipts: number[];
  output: Message[];
  visibilityTimeout: number;
}

/**
 * A FIFO queue's ReceiveRequestAttemptIds ("ReceiveMessage"): a retry within the deduplication window (5 minutes)
 * with the same id gets the same batch, as long as none of its messages was received again, released or deleted.
 */
export class ReceiveAttempts {
  private readonly window: ExpiryWindow<string, AttemptRecord>;

  constructor(scheduler: Scheduler, label: string) {
    this.window = new ExpiryWindow(scheduler, { windowMs: LIMITS.deduplicationWindowMs, label });
  }

  /** The batch answered earlier under this id, with its visibility timeout applied again; undefined when none. */
  replay(attemptId: string, applyVisibility: (message: StoredMessage, seconds: number) => void): Message[] | undefined {
    const record = this.window.get(attemptId);
    if (record === undefined) return undefined;
    const intact = record.messages.every((message, i) => message.state === INFLIGHT && message.receipt === record.receipts[i]);
    if (!intact) {
      this.window.delete(attemptId);
      return undefined;
    }
    for (const message of record.messages) applyVisibility(message, record.visibilityTimeout);
    return record.output;
  }

  remember(attemptId: string, messages: StoredMessage[], output: Message[], visibilityTimeout: number): void {
    this.window.set(attemptId, { messages, receipts: messages.map((message) => message.receipt), output, visibilityTimeout });
  }

  clear(): void {
    this.window.clear();
  }
}
