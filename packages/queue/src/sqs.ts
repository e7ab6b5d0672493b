import { guardInputs, paginate, ResourceTable, runBatch, TagSet, type BatchRules, type Page, safeRecord, showValue, type PortCaller, type QueuePort, type QueueSendInput, type SimContext } from "@simcloud/core";
import type { StructShape } from "@simcloud/core";
import { errors } from "./errors";
import { DEFAULTS, LIMITS } from "./limits";
import { md5OfAttributes, md5OfBody } from "./md5";
import { SQS_INPUTS } from "./input-shapes";
import { copyAttributes } from "./message";
import { MoveTasks } from "./moves";
import { parseQueueUrl, queueArn, queueUrl } from "./naming";
import { Queue, type PreparedSend } from "./queue";
import { UrlCache } from "./url-cache";
import { applyAttributes, initialSettings, isReadableAttribute, READABLE, type QueueSettings } from "./settings";
import type * as T from "./types";
import { sqsTagRules } from "./tags";
import { optionalInteger, requireString, validateAttributes, sqsBatchRules, validateQueueName, validateReceive, validateSend, type SendFields } from "./validate";
import "./trace";

export interface QueueServiceOptions {
  /** simcloud-only: chaos applied to every standard queue created (per queue: `setChaos`). Off by default. */
  chaos?: T.QueueChaos;
}

/** The SQS service: one async method per action, SDK v3 input and output shapes, AWS error codes. */
export interface QueueService {
  createQueue(input: T.CreateQueueInput): Promise<T.CreateQueueOutput>;
  deleteQueue(input: T.QueueUrlInput): Promise<T.Empty>;
  getQueueUrl(input: T.GetQueueUrlInput): Promise<T.GetQueueUrlOutput>;
  listQueues(input?: T.ListQueuesInput): Promise<T.ListQueuesOutput>;
  getQueueAttributes(input: T.GetQueueAttributesInput): Promise<T.GetQueueAttributesOutput>;
  setQueueAttributes(input: T.SetQueueAttributesInput): Promise<T.Empty>;
  tagQueue(input: T.TagQueueInput): Promise<T.Empty>;
  untagQueue(input: T.UntagQueueInput): Promise<T.Empty>;
  listQueueTags(input: T.QueueUrlInput): Promise<T.ListQueueTagsOutput>;
  purgeQueue(input: T.QueueUrlInput): Promise<T.Empty>;
  sendMessage(input: T.SendMessageInput): Promise<T.SendMessageOutput>;
  sendMessageBatch(input: T.SendMessageBatchInput): Promise<T.SendMessageBatchOutput>;
  receiveMessage(input: T.ReceiveMessageInput): Promise<T.ReceiveMessageOutput>;
  deleteMessage(input: T.DeleteMessageInput): Promise<T.Empty>;
  deleteMessageBatch(input: T.DeleteMessageBatchInput): Promise<T.BatchOutput>;
  changeMessageVisibility(input: T.ChangeMessageVisibilityInput): Promise<T.Empty>;
  changeMessageVisibilityBatch(input: T.ChangeMessageVisibilityBatchInput): Promise<T.BatchOutput>;
  listDeadLetterSourceQueues(input: T.ListDeadLetterSourceQueuesInput): Promise<T.ListDeadLetterSourceQueuesOutput>;
  startMessageMoveTask(input: T.StartMessageMoveTaskInput): Promise<T.StartMessageMoveTaskOutput>;
  cancelMessageMoveTask(input: T.CancelMessageMoveTaskInput): Promise<T.CancelMessageMoveTaskOutput>;
  listMessageMoveTasks(input: T.ListMessageMoveTasksInput): Promise<T.ListMessageMoveTasksOutput>;
  addPermission(input: T.AddPermissionInput): Promise<T.Empty>;
  removePermission(input: T.RemovePermissionInput): Promise<T.Empty>;
  /** simcloud-only: seeded duplicate / out-of-order delivery for one standard queue; `{}` turns it off. */
  setChaos(queueUrl: string, chaos: T.QueueChaos): void;
}

const EMPTY: T.Empty = Object.freeze({}) as T.Empty;
const DELETE_BATCH = sqsBatchRules<T.DeleteMessageBatchRequestEntry>("DeleteMessageBatchRequestEntry");
const VISIBILITY_BATCH = sqsBatchRules<T.ChangeMessageVisibilityBatchRequestEntry>("ChangeMessageVisibilityBatchRequestEntry");

export function createQueueService(ctx: SimContext, options: QueueServiceOptions = {}): QueueService {
  const queues = new ResourceTable<Queue>(ctx, {
    kind: "sqs.queue",
    nameOf: (queue) => queue.name,
    arnOf: (queue) => queue.arn,
    notFound: () => errors.QueueDoesNotExist("The specified queue does not exist."),
    port: (queue) => makePort(queue),
    traced: {
      created: (queue) => ctx.trace.record("sqs.queue.created", { queueUrl: queue.url, queueArn: queue.arn, fifo: queue.fifo }),
      deleted: (queue) => ctx.trace.record("sqs.queue.deleted", { queueUrl: queue.url, queueArn: queue.arn }),
    },
  });
  // Each parameter holds a name or an ARN, never either.
  const byArn = (arn: string): Queue | undefined => queues.findByArn(arn);
  const byName = (name: string): Queue | undefined => queues.findByName(name);
  const deletedAt = new Map<string, number>();
  const chaosRandom = ctx.random.stream("sqs.chaos");
  const directory = { byArn };
  const moves = new MoveTasks(ctx, directory.byArn, DEFAULTS.moveRate);
  const defaultChaos = options.chaos === undefined ? undefined : checkChaos(options.chaos);
  let incarnations = 0;

  const byUrl = new UrlCache((url) => {
    const parsed = parseQueueUrl(url);
    if (parsed === undefined) throw errors.InvalidAddress(`The address ${url} is not valid for this endpoint.`);
    return parsed.accountId === ctx.accountId ? byName(parsed.name) : undefined;
  });

  function lookup(url: unknown): Queue {
    requireString(url, "QueueUrl");
    const queue = byUrl.get(url);
    if (queue === undefined) throw errors.QueueDoesNotExist("The specified queue does not exist.");
    return queue;
  }

  function queueForArn(arn: string, parameter: string): Queue {
    const queue = byArn(arn);
    if (queue === undefined) throw errors.ResourceNotFoundException(`The resource that you specified for the ${parameter} parameter doesn't exist.`);
    return queue;
  }

  /** Cross-queue rules of RedrivePolicy ("Amazon SQS dead-letter queues"). */
  function checkRedrive(name: string, arn: string, settings: QueueSettings): void {
    const policy = settings.redrivePolicy;
    if (policy === undefined) return;
    const raw = settings.raw.get("RedrivePolicy") ?? "";
    const invalid = (reason: string) => errors.InvalidParameterValue(`Value ${raw} for parameter RedrivePolicy is invalid. Reason: ${reason}`);
    const target = byArn(policy.deadLetterTargetArn);
    if (target === undefined) throw invalid("Dead letter target does not exist.");
    if (target.fifo !== settings.fifo) throw invalid("Dead-letter queue must be same type of queue as the source.");
    if (target.name === name) throw invalid("A queue cannot be its own dead-letter queue.");
    const allow = target.settings.redriveAllowPolicy;
    if (allow?.redrivePermission === "denyAll" || (allow?.redrivePermission === "byQueue" && !allow.sourceQueueArns.includes(arn))) {
      throw invalid(`Queue ${target.arn} does not allow this queue as a dead-letter source queue.`);
    }
  }

  function prepare(input: SendFields, queue: Queue): PreparedSend {
    validateSend(input, queue.settings);
    // Copied in: the stored message owns its attributes (the caller may reuse its objects and Buffers).
    const attributes = copyAttributes(input.MessageAttributes);
    const systemAttributes = copyAttributes(input.MessageSystemAttributes);
    return {
      body: input.MessageBody,
      md5Body: md5OfBody(input.MessageBody),
      attributes,
      md5Attributes: md5OfAttributes(attributes),
      systemAttributes,
      md5SystemAttributes: md5OfAttributes(systemAttributes),
      // On a FIFO queue DelaySeconds 0 means "the queue's delay" (recorded test_fifo_queue_send_message_with_zero_delay_defaults_to_queue_delay).
      delaySeconds: queue.fifo && input.DelaySeconds === 0 ? undefined : input.DelaySeconds ?? undefined,
      groupId: input.MessageGroupId ?? undefined,
      deduplicationId: input.MessageDeduplicationId ?? undefined,
    };
  }

  /** SendMessage's output, or with `batchId` a SendMessageBatch result entry (the same fields after its Id). */
  function sendTo(queue: Queue, input: SendFields, senderId: string): T.SendMessageOutput {
    return sendPrepared(queue, prepare(input, queue), senderId);
  }

  function sendPrepared(queue: Queue, prepared: PreparedSend, senderId: string, batchId?: string): T.SendMessageOutput {
    const result = queue.send(prepared, senderId);
    const out: T.SendMessageOutput =
      batchId === undefined
        ? { MD5OfMessageBody: prepared.md5Body, MessageId: result.MessageId }
        : ({ Id: batchId, MD5OfMessageBody: prepared.md5Body, MessageId: result.MessageId } as T.SendMessageBatchResultEntry);
    if (prepared.md5Attributes !== undefined) out.MD5OfMessageAttributes = prepared.md5Attributes;
    if (prepared.md5SystemAttributes !== undefined) out.MD5OfMessageSystemAttributes = prepared.md5SystemAttributes;
    if (result.SequenceNumber !== undefined) out.SequenceNumber = result.SequenceNumber;
    return out;
  }

  function receiveFrom(queue: Queue, input: Omit<T.ReceiveMessageInput, "QueueUrl">, background = false): T.Message[] | Promise<T.Message[]> {
    const rules = validateReceive(input);
    return queue.receive(rules, input.ReceiveRequestAttemptId, background);
  }

  function changeVisibility(queue: Queue, handle: unknown, seconds: unknown): void {
    if (seconds === undefined || seconds === null) throw errors.MissingParameter("The request must contain the parameter VisibilityTimeout.");
    const value = optionalInteger(seconds, "VisibilityTimeout", 0, LIMITS.maxVisibilitySeconds, "Must be between 0 and 43200, if provided.") as number;
    requireString(handle, "ReceiptHandle");
    queue.changeVisibility(handle, value);
  }

  function makePort(queue: Queue): QueuePort {
    const live = (): Queue => {
      if (queue.deleted) throw errors.QueueDoesNotExist("The specified queue does not exist.");
      return queue;
    };
    return {
      kind: "queue",
      arn: queue.arn,
      url: queue.url,
      attributes: () => ({ fifo: queue.fifo, visibilityTimeoutSeconds: queue.settings.visibilityTimeout }),
      send: (input: QueueSendInput, caller?: PortCaller) => {
        const out = sendTo(live(), input, caller?.principal ?? ctx.accountId);
        return {
          MessageId: out.MessageId as string,
          MD5OfMessageBody: out.MD5OfMessageBody as string,
          ...(out.MD5OfMessageAttributes === undefined ? {} : { MD5OfMessageAttributes: out.MD5OfMessageAttributes }),
          ...(out.SequenceNumber === undefined ? {} : { SequenceNumber: out.SequenceNumber }),
        };
      },
      receive: async (input, _caller, options) =>
        (await receiveFrom(live(), input as Omit<T.ReceiveMessageInput, "QueueUrl">, options?.background === true)) as Awaited<ReturnType<QueuePort["receive"]>>,
      deleteMessage: (handle) => live().deleteMessage(handle),
      changeVisibility: (handle, seconds) => changeVisibility(live(), handle, seconds),
    };
  }

  // One rules object per queue, made on its first batch: a batch call allocates no closures (the send path is hot).
  const sendRules = new WeakMap<Queue, BatchRules<T.SendMessageBatchRequestEntry, T.BatchResultErrorEntry>>();
  function sendBatchRules(queue: Queue): BatchRules<T.SendMessageBatchRequestEntry, T.BatchResultErrorEntry> {
    let rules = sendRules.get(queue);
    if (rules !== undefined) return rules;
    // Attribute and FIFO-id failures reject the whole request with 400, as AWS answered (recorded
    // test_send_batch_missing_message_group_id_for_fifo_queue, …_deduplication_id_…); other entry failures (a body
    // over the size limit) are reported per entry.
    rules = sqsBatchRules<T.SendMessageBatchRequestEntry>("SendMessageBatchRequestEntry", (entries) => {
      let total = 0;
      for (const entry of entries) {
        total += typeof entry.MessageBody === "string" ? Buffer.byteLength(entry.MessageBody, "utf8") : 0;
        total += validateAttributes(entry.MessageAttributes, "user");
        if (queue.fifo) {
          if (entry.MessageGroupId === undefined || entry.MessageGroupId === null) {
            throw errors.InvalidParameterValue("The request must contain the parameter MessageGroupId.");
          }
          if (entry.MessageDeduplicationId === undefined && !queue.settings.contentBasedDeduplication) {
            throw errors.InvalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
          }
        }
      }
      if (total > LIMITS.maxBatchBytes) {
        throw errors.BatchRequestTooLong(`Batch requests cannot be longer than ${LIMITS.maxBatchBytes} bytes. You have sent ${total} bytes.`);
      }
    });
    sendRules.set(queue, rules);
    return rules;
  }

  function deleteQueue(queue: Queue): void {
    queue.dispose();
    byUrl.forget(queue);
    deletedAt.set(queue.name, ctx.clock.now());
    moves.forget(queue.arn);
    queues.remove(queue);
  }

  function readAttributes(queue: Queue, names: readonly string[]): T.QueueAttributes {
    const all = names.includes("All");
    const out: T.QueueAttributes = {};
    const counts = queue.counts();
    for (const name of all ? READABLE : (names as T.QueueAttributeName[])) {
      const value = attributeValue(queue, name, counts);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  function attributeValue(queue: Queue, name: T.QueueAttributeName, counts: ReturnType<Queue["counts"]>): string | undefined {
    switch (name) {
      case "ApproximateNumberOfMessages":
        return String(counts.visible);
      case "ApproximateNumberOfMessagesNotVisible":
        return String(counts.inflight);
      case "ApproximateNumberOfMessagesDelayed":
        return String(counts.delayed);
      // Queue timestamps are epoch seconds ("GetQueueAttributes"), unlike message timestamps (milliseconds).
      case "CreatedTimestamp":
        return String(Math.floor(queue.createdAt / 1000));
      case "LastModifiedTimestamp":
        return String(Math.floor(queue.lastModifiedAt / 1000));
      case "QueueArn":
        return queue.arn;
      case "All":
        return undefined;
      default:
        return queue.settings.raw.get(name as never);
    }
  }

  const service: QueueService = {
    async createQueue(input) {
      const attributes = input?.Attributes;
      // Boolean attributes are read in any letter case ("True"), as AWS does (recorded FIFO tests create with "True").
      const fifo = String(safeRecord(attributes as Record<string, string> | undefined)["FifoQueue"]).toLowerCase() === "true";
      validateQueueName(input?.QueueName, fifo);
      const name = input.QueueName;
      const existing = queues.find(name);
      if (existing !== undefined) {
        const requested = applyAttributes(existing.settings, attributes, true);
        for (const key of Object.keys(safeRecord(attributes as Record<string, string> | undefined))) {
          if (requested.raw.get(key as never) !== existing.settings.raw.get(key as never)) {
            throw errors.QueueNameExists(`A queue already exists with the same name and a different value for attribute ${key}`);
          }
        }
        return { QueueUrl: existing.url };
      }
      const deleted = deletedAt.get(name);
      // "DeleteQueue": wait at least 60 seconds before creating a queue with the same name.
      if (deleted !== undefined && ctx.clock.now() - deleted < LIMITS.deletedRecentlyMs) {
        throw errors.QueueDeletedRecently("You must wait 60 seconds after deleting a queue before you can create another queue with the same name.");
      }
      const arn = queueArn(ctx, name);
      const settings = applyAttributes(initialSettings(fifo), attributes, true);
      checkRedrive(name, arn, settings);
      const tags = new TagSet(sqsTagRules, input.tags);
      const queue = new Queue(ctx, name, queueUrl(ctx, name), arn, ++incarnations, settings, directory, chaosRandom);
      queue.tags = tags;
      if (defaultChaos !== undefined && !fifo) queue.chaos = defaultChaos;
      queues.add(queue);
      return { QueueUrl: queue.url };
    },

    async deleteQueue(input) {
      deleteQueue(lookup(input?.QueueUrl));
      return EMPTY;
    },

    async getQueueUrl(input) {
      requireString(input?.QueueName, "QueueName");
      const owner = input.QueueOwnerAWSAccountId;
      const queue = owner === undefined || owner === ctx.accountId ? byName(input.QueueName) : undefined;
      if (queue === undefined) throw errors.QueueDoesNotExist("The specified queue does not exist.");
      return { QueueUrl: queue.url };
    },

    async listQueues(input = {}) {
      const max = optionalInteger(input.MaxResults, "MaxResults", 1, LIMITS.listMaxResults, "Must be between 1 and 1000, if provided.");
      if (input.NextToken !== undefined && max === undefined) throw errors.InvalidParameterValue("MaxResults is required when NextToken is given.");
      const prefix = input.QueueNamePrefix ?? "";
      const names = [...queues].map((queue) => queue.name).filter((name) => name.startsWith(prefix)).sort();
      const page = listPage(names, max, input.NextToken, `sqs.listQueues:${prefix}`);
      const out: T.ListQueuesOutput = {};
      if (page.items.length > 0) out.QueueUrls = page.items.map((name) => (queues.find(name) as Queue).url);
      if (page.nextToken !== undefined) out.NextToken = page.nextToken;
      return out;
    },

    async getQueueAttributes(input) {
      const queue = lookup(input?.QueueUrl);
      const names = input.AttributeNames ?? [];
      for (const name of names) if (!isReadableAttribute(name)) throw errors.InvalidAttributeName(`Unknown Attribute ${String(name)}.`);
      if (names.length === 0) return {};
      return { Attributes: readAttributes(queue, names) };
    },

    async setQueueAttributes(input) {
      const queue = lookup(input?.QueueUrl);
      if (input.Attributes === undefined || input.Attributes === null) throw errors.MissingParameter("The request must contain the parameter Attributes.");
      const next = applyAttributes(queue.settings, input.Attributes, false);
      checkRedrive(queue.name, queue.arn, next);
      queue.reconfigure(next);
      return EMPTY;
    },

    async tagQueue(input) {
      const queue = lookup(input?.QueueUrl);
      if (input.Tags === undefined || input.Tags === null) throw errors.MissingParameter("The request must contain the parameter Tags.");
      queue.tags.apply(input.Tags);
      return EMPTY;
    },

    async untagQueue(input) {
      const queue = lookup(input?.QueueUrl);
      if (!Array.isArray(input.TagKeys)) throw errors.MissingParameter("The request must contain the parameter TagKeys.");
      queue.tags.remove(input.TagKeys);
      return EMPTY;
    },

    async listQueueTags(input) {
      const queue = lookup(input?.QueueUrl);
      return queue.tags.size === 0 ? {} : { Tags: Object.fromEntries(queue.tags.entries()) };
    },

    async purgeQueue(input) {
      const queue = lookup(input?.QueueUrl);
      if (ctx.clock.now() - queue.lastPurgeAt < LIMITS.purgeIntervalMs) {
        throw errors.PurgeQueueInProgress(`Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`);
      }
      const count = queue.purge();
      ctx.trace.record("sqs.queue.purged", { queueUrl: queue.url, queueArn: queue.arn, count });
      return EMPTY;
    },

    async sendMessage(input) {
      return sendTo(lookup(input?.QueueUrl), input, ctx.accountId);
    },

    async sendMessageBatch(input) {
      const queue = lookup(input?.QueueUrl);
      // Every entry is checked before any is stored: an unexpected error cannot leave half a batch behind.
      const checked = runBatch(input.Entries, sendBatchRules(queue), (entry) => ({ id: entry.Id, ready: prepare(entry, queue) }));
      const Successful: T.SendMessageBatchResultEntry[] = [];
      queue.batch(() => {
        for (const { id, ready } of checked.Successful) Successful.push(sendPrepared(queue, ready, ctx.accountId, id) as T.SendMessageBatchResultEntry);
      });
      return { Successful, Failed: checked.Failed };
    },

    async receiveMessage(input) {
      const messages = await receiveFrom(lookup(input?.QueueUrl), input);
      return messages.length === 0 ? {} : { Messages: messages };
    },

    async deleteMessage(input) {
      const queue = lookup(input?.QueueUrl);
      requireString(input.ReceiptHandle, "ReceiptHandle");
      queue.deleteMessage(input.ReceiptHandle);
      return EMPTY;
    },

    async deleteMessageBatch(input) {
      const queue = lookup(input?.QueueUrl);
      return runBatch(input.Entries, DELETE_BATCH, (entry) => {
        queue.deleteMessage(entry.ReceiptHandle);
        return { Id: entry.Id };
      });
    },

    async changeMessageVisibility(input) {
      changeVisibility(lookup(input?.QueueUrl), input.ReceiptHandle, input.VisibilityTimeout);
      return EMPTY;
    },

    async changeMessageVisibilityBatch(input) {
      const queue = lookup(input?.QueueUrl);
      return runBatch(input.Entries, VISIBILITY_BATCH, (entry) => {
        changeVisibility(queue, entry.ReceiptHandle, entry.VisibilityTimeout);
        return { Id: entry.Id };
      });
    },

    async listDeadLetterSourceQueues(input) {
      const queue = lookup(input?.QueueUrl);
      const max = optionalInteger(input.MaxResults, "MaxResults", 1, LIMITS.listMaxResults, "Must be between 1 and 1000, if provided.");
      const names = [...queues]
        .filter((source) => source.settings.redrivePolicy?.deadLetterTargetArn === queue.arn)
        .map((source) => source.name)
        .sort();
      const page = listPage(names, max, input.NextToken, `sqs.listDeadLetterSourceQueues:${queue.arn}`);
      const out: T.ListDeadLetterSourceQueuesOutput = { queueUrls: page.items.map((name) => (queues.find(name) as Queue).url) };
      if (page.nextToken !== undefined) out.NextToken = page.nextToken;
      return out;
    },

    async startMessageMoveTask(input) {
      requireString(input?.SourceArn, "SourceArn");
      const source = queueForArn(input.SourceArn, "SourceArn");
      const destination = input.DestinationArn === undefined ? undefined : queueForArn(input.DestinationArn, "DestinationArn");
      const rate = optionalInteger(input.MaxNumberOfMessagesPerSecond, "MaxNumberOfMessagesPerSecond", 1, LIMITS.maxMoveRate, "Must be between 1 and 500, if provided.");
      const isDeadLetterQueue = [...queues].some((candidate) => candidate.settings.redrivePolicy?.deadLetterTargetArn === source.arn);
      if (!isDeadLetterQueue) throw errors.InvalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
      return { TaskHandle: moves.start(source, destination, rate) };
    },

    async cancelMessageMoveTask(input) {
      requireString(input?.TaskHandle, "TaskHandle");
      return { ApproximateNumberOfMessagesMoved: moves.cancel(input.TaskHandle) };
    },

    async listMessageMoveTasks(input) {
      requireString(input?.SourceArn, "SourceArn");
      queueForArn(input.SourceArn, "SourceArn");
      const max = optionalInteger(input.MaxResults, "MaxResults", 1, 10, "Must be between 1 and 10, if provided.") ?? 1;
      return { Results: moves.list(input.SourceArn, max) };
    },

    async addPermission(input) {
      const queue = lookup(input?.QueueUrl);
      requireString(input.Label, "Label");
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(input.Label)) {
        throw errors.InvalidParameterValue(`Value ${input.Label} for parameter Label is invalid. Reason: Label can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.`);
      }
      if (!Array.isArray(input.AWSAccountIds) || input.AWSAccountIds.length === 0) throw errors.MissingParameter("The request must contain the parameter AWSAccountIds.");
      if (!Array.isArray(input.Actions) || input.Actions.length === 0) throw errors.MissingParameter("The request must contain the parameter Actions.");
      for (const action of input.Actions) {
        if (!PERMISSION_ACTIONS.has(action)) throw errors.InvalidParameterValue(`Value SQS:${action} for parameter ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of valid actions.`);
      }
      const policy = readPolicy(queue);
      if (policy.Statement.some((statement) => statement.Sid === input.Label)) {
        throw errors.InvalidParameterValue(`Value ${input.Label} for parameter Label is invalid. Reason: Already exists.`);
      }
      // Shaped as AWS answered (recorded test_sqs_permission_lifecycle): one principal or action is a string, several
      // a list (principals in reverse order of the request, as recorded).
      const principals = input.AWSAccountIds.map((account) => `arn:aws:iam::${account}:root`).reverse();
      const actions = input.Actions.map((action) => `SQS:${action}`);
      policy.Statement.push({
        Sid: input.Label,
        Effect: "Allow",
        Principal: { AWS: principals.length === 1 ? principals[0] : principals },
        Action: actions.length === 1 ? actions[0] : actions,
        Resource: queue.arn,
      });
      writePolicy(queue, policy);
      return EMPTY;
    },

    async removePermission(input) {
      const queue = lookup(input?.QueueUrl);
      requireString(input.Label, "Label");
      const policy = readPolicy(queue);
      const kept = policy.Statement.filter((statement) => statement.Sid !== input.Label);
      if (kept.length === policy.Statement.length) {
        throw errors.InvalidParameterValue(`Value ${input.Label} for parameter Label is invalid. Reason: can't find label.`);
      }
      writePolicy(queue, { ...policy, Statement: kept });
      return EMPTY;
    },

    setChaos(url, chaos) {
      const queue = lookup(url);
      if (queue.fifo) throw errors.InvalidParameterValue("Chaos applies to standard queues only: FIFO queues deliver exactly once, in order.");
      queue.chaos = checkChaos(chaos);
    },
  };
  return guardInputs(service, SQS_INPUTS satisfies { readonly [K in Exclude<keyof QueueService, "setChaos">]: StructShape }, ({ path, value, expected }) =>
    errors.InvalidParameterValue(`Value ${showValue(value)} for parameter ${path} is invalid. Reason: must be a ${expected}.`),
  );
}

// AddPermission's ActionName.N values.
const PERMISSION_ACTIONS: ReadonlySet<string> = new Set([
  "*",
  "SendMessage",
  "ReceiveMessage",
  "DeleteMessage",
  "ChangeMessageVisibility",
  "GetQueueAttributes",
  "GetQueueUrl",
  "ListDeadLetterSourceQueues",
  "PurgeQueue",
]);

interface PolicyDocument {
  Version: string;
  Id?: string;
  Statement: { Sid?: string; [key: string]: unknown }[];
}

function readPolicy(queue: Queue): PolicyDocument {
  const raw = queue.settings.raw.get("Policy");
  // AddPermission writes a 2008-10-17 document, as AWS's recorded answers show.
  if (raw === undefined) return { Version: "2008-10-17", Id: `${queue.arn}/SQSDefaultPolicy`, Statement: [] };
  const parsed = JSON.parse(raw) as Partial<PolicyDocument>;
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement === undefined ? [] : [parsed.Statement];
  return { Version: parsed.Version ?? "2008-10-17", ...(parsed.Id === undefined ? {} : { Id: parsed.Id }), Statement: statements };
}

function writePolicy(queue: Queue, policy: PolicyDocument): void {
  const raw = new Map(queue.settings.raw);
  if (policy.Statement.length === 0) raw.delete("Policy");
  else raw.set("Policy", JSON.stringify(policy));
  queue.reconfigure({ ...queue.settings, raw });
}

function checkChaos(chaos: T.QueueChaos): Required<T.QueueChaos> {
  const duplicateProbability = chaos.duplicateProbability ?? 0;
  const reorderProbability = chaos.reorderProbability ?? 0;
  for (const [name, p] of [["duplicateProbability", duplicateProbability], ["reorderProbability", reorderProbability]] as const) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${p}`);
  }
  return { duplicateProbability, reorderProbability };
}

/**
 * A page of queue names in name order. Without MaxResults SQS answers up to 1,000 and no NextToken ("ListQueues");
 * a token from another listing, another prefix or nobody gets SQS's InvalidParameterValue.
 */
function listPage(names: readonly string[], max: number | undefined, nextToken: string | undefined, scope: string): Page<string> {
  const page = paginate(names, {
    maxResults: max,
    nextToken,
    defaultLimit: LIMITS.listMaxResults,
    scope,
    keyOf: (name) => name,
    invalidToken: (message) => errors.InvalidParameterValue(message),
  });
  return max === undefined ? { items: page.items } : page;
}
