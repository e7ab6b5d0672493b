import { buildArn, guardInputs, paginate, parseArn, ResourceTable, runBatch, TagSet, validateTagKeys, type BatchRules, type PortCaller, type SimContext, type TopicPort, type TopicPublishInput, type TopicPublishOutput } from "@simcloud/core";
import type { StructShape } from "@simcloud/core";
import { Deliveries } from "./delivery";
import { filterOutbox, type HttpEndpointHandler, type OutboxEntry, type OutboxFilter, type RegisteredEndpoint, type RegisterEndpointOptions } from "./endpoints";
import { errors, invalidParameter } from "./errors";
import { SNS_INPUTS } from "./input-shapes";
import { addStatement, removeStatement, type AddPermissionInput, type RemovePermissionInput } from "./permissions";
import { LIMITS } from "./limits";
import { prepareMessage, rawSize, type PreparedMessage } from "./publish";
import type * as S from "./shapes";
import { signingCertificatePem, type SigningMode } from "./signing";
import { DEFAULT_SUBSCRIPTION_SETTINGS, Subscription, withAttribute, type SubscriptionSettings } from "./subscription";
import { checkLargeTopicSubscription, defaultTopicSettings, Topic, withTopicAttribute, type TopicSettings } from "./topic";
import type { PublishedMessage, SubscriptionProtocol } from "./types";
import { snsTagRules, snsUntagRules } from "./tags";
import { requireSnsArn, requireString, validateEndpoint, validateProtocol, validateTopicName } from "./validate";
import "./trace";

export interface TopicServiceOptions {
  /**
   * Confirm HTTP/S, email and email-json subscriptions as soon as their SubscriptionConfirmation is sent
   * (for HTTP/S: once the handler answers 2xx). Default false: they stay pending until ConfirmSubscription.
   */
  autoConfirm?: boolean;
  /**
   * "rsa" (default): real SHA1withRSA / SHA256withRSA signatures made with the package's published test key,
   * verifiable against `signingCertificatePem()`. "placeholder": a deterministic hash, for throughput runs.
   */
  signing?: SigningMode;
}

/** CloudWatch's SNS metric names, counted since the topic was created. */
export interface TopicMetrics {
  NumberOfMessagesPublished: number;
  NumberOfNotificationsDelivered: number;
  NumberOfNotificationsFailed: number;
  NumberOfNotificationsFilteredOut: number;
  NumberOfNotificationsRedrivenToDlq: number;
  NumberOfNotificationsFailedToRedriveToDlq: number;
}

export interface TopicService {
  createTopic(input: S.CreateTopicInput): Promise<S.CreateTopicResponse>;
  deleteTopic(input: S.DeleteTopicInput): Promise<S.EmptyResponse>;
  listTopics(input?: S.ListTopicsInput): Promise<S.ListTopicsResponse>;
  getTopicAttributes(input: S.GetTopicAttributesInput): Promise<S.GetTopicAttributesResponse>;
  setTopicAttributes(input: S.SetTopicAttributesInput): Promise<S.EmptyResponse>;
  addPermission(input: AddPermissionInput): Promise<S.EmptyResponse>;
  removePermission(input: RemovePermissionInput): Promise<S.EmptyResponse>;
  subscribe(input: S.SubscribeInput): Promise<S.SubscribeResponse>;
  unsubscribe(input: S.UnsubscribeInput): Promise<S.EmptyResponse>;
  confirmSubscription(input: S.ConfirmSubscriptionInput): Promise<S.ConfirmSubscriptionResponse>;
  listSubscriptions(input?: S.ListSubscriptionsInput): Promise<S.ListSubscriptionsResponse>;
  listSubscriptionsByTopic(input: S.ListSubscriptionsByTopicInput): Promise<S.ListSubscriptionsResponse>;
  getSubscriptionAttributes(input: S.GetSubscriptionAttributesInput): Promise<S.GetSubscriptionAttributesResponse>;
  setSubscriptionAttributes(input: S.SetSubscriptionAttributesInput): Promise<S.EmptyResponse>;
  publish(input: S.PublishInput): Promise<S.PublishResponse>;
  publishBatch(input: S.PublishBatchInput): Promise<S.PublishBatchResponse>;
  tagResource(input: S.TagResourceInput): Promise<S.EmptyResponse>;
  untagResource(input: S.UntagResourceInput): Promise<S.EmptyResponse>;
  listTagsForResource(input: S.ListTagsForResourceInput): Promise<S.ListTagsForResourceResponse>;

  // Simulator-only helpers (not AWS actions).
  /** Routes HTTP/S deliveries for `url` to `handler` (no network). Returns the function that unregisters it. */
  registerEndpoint(url: string, handler: HttpEndpointHandler, options?: RegisterEndpointOptions): () => void;
  /** Messages captured for email, email-json, sms, application and firehose endpoints; by endpoint or filter. */
  outbox(filter?: string | OutboxFilter): OutboxEntry[];
  clearOutbox(): void;
  /** The PEM certificate whose key signs every message; what SigningCertURL would serve. */
  signingCertificatePem(): string;
  /** What an endpoint does with a SubscribeURL or UnsubscribeURL from a message: confirms or unsubscribes. */
  openUrl(url: string): Promise<{ SubscriptionArn?: string }>;
  metrics(topicArn: string): TopicMetrics;
}

/** Confirmation tokens stay valid for three days (Subscribe API reference). */
const TOKEN_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;
const NEEDS_CONFIRMATION = new Set<SubscriptionProtocol>(["http", "https", "email", "email-json"]);

export function createTopicService(ctx: SimContext, options: TopicServiceOptions = {}): TopicService {
  const topics: ResourceTable<Topic> = new ResourceTable<Topic>(ctx, {
    kind: "sns.topic",
    nameOf: (topic) => topic.name,
    arnOf: (topic) => topic.arn,
    notFound: () => errors.NotFoundException("Topic does not exist"),
    port: (topic) => portFor(topic),
    traced: {
      created: (topic) => ctx.trace.record("sns.topic.created", { topicArn: topic.arn, fifo: topic.fifo }),
      deleted: (topic) => ctx.trace.record("sns.topic.deleted", { topicArn: topic.arn }),
    },
  });
  // Every topic parameter is an ARN: a name (or a null) in its place finds nothing.
  const topicByArn = (arn: unknown): Topic | undefined => topics.findByArn(arn);
  const subscriptions = new Map<string, Subscription>();
  const tokens = new Map<string, { sub: Subscription; expires: number }>();
  const endpoints = new Map<string, RegisteredEndpoint>();
  const outbox: OutboxEntry[] = [];
  const scope = { region: ctx.region, accountId: ctx.accountId };

  const confirm = (sub: Subscription): void => {
    if (!sub.pending) return;
    sub.pending = false;
    if (sub.token !== undefined) tokens.delete(sub.token);
    ctx.trace.record("sns.subscription.confirmed", { subscriptionArn: sub.arn, topicArn: sub.topicArn });
  };

  const deliveries = new Deliveries({ ctx, signing: options.signing ?? "rsa", endpoints, outbox, autoConfirm: options.autoConfirm ?? false, confirm });

  const topicFor = (arnText: unknown, name = "TopicArn"): Topic => {
    const arn = requireSnsArn(arnText, name, scope);
    const topic = topicByArn(arnText);
    if (topic === undefined || arn.resource.includes(":")) throw errors.NotFoundException("Topic does not exist");
    return topic;
  };

  const subscriptionFor = (arnText: unknown): Subscription => {
    requireSnsArn(arnText, "SubscriptionArn", scope);
    const sub = subscriptions.get(arnText as string);
    if (sub === undefined) throw errors.NotFoundException("Subscription does not exist");
    return sub;
  };

  const newToken = (sub: Subscription): string => {
    const token = ctx.ids.hex(256, "sns.tokens");
    tokens.set(token, { sub, expires: ctx.scheduler.now() + TOKEN_LIFETIME_MS });
    return token;
  };

  const publishPrepared = (topic: Topic, prepared: PreparedMessage): S.PublishResponse => {
    const now = ctx.scheduler.now();
    if (prepared.deduplicationId !== undefined) {
      const duplicate = topic.findDuplicate(prepared.deduplicationId, now);
      if (duplicate !== undefined) {
        ctx.trace.record("sns.message.deduplicated", { topicArn: topic.arn, messageId: duplicate.messageId, deduplicationId: prepared.deduplicationId });
        return { MessageId: duplicate.messageId, ...(duplicate.sequenceNumber === undefined ? {} : { SequenceNumber: duplicate.sequenceNumber }) };
      }
    }
    const messageId = ctx.ids.uuid("sns.ids");
    const sequenceNumber = topic.fifo ? topic.nextSequenceNumber() : undefined;
    if (prepared.deduplicationId !== undefined) topic.remember(prepared.deduplicationId, messageId, sequenceNumber, now);
    const message: PublishedMessage = {
      messageId,
      topicArn: topic.arn,
      message: prepared.message,
      perProtocol: prepared.perProtocol,
      subject: prepared.subject,
      attributes: prepared.attributes,
      timestamp: now,
      messageGroupId: prepared.messageGroupId,
      deduplicationId: prepared.deduplicationId,
      sequenceNumber,
      envelopes: [],
    };
    topic.stats.published++;
    ctx.trace.record("sns.message.published", {
      topicArn: topic.arn,
      messageId,
      message: prepared.message,
      ...(prepared.subject === undefined ? {} : { subject: prepared.subject }),
      subscriptions: topic.subscriptions.size,
      ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
      ...(prepared.messageGroupId === undefined ? {} : { messageGroupId: prepared.messageGroupId }),
    });
    if (topic.subscriptions.size > 0) deliveries.fanOut(topic, message);
    return { MessageId: messageId, ...(sequenceNumber === undefined ? {} : { SequenceNumber: sequenceNumber }) };
  };

  const portFor = (topic: Topic): TopicPort => ({
    kind: "topic",
    arn: topic.arn,
    async publish(input: TopicPublishInput, _caller?: PortCaller): Promise<TopicPublishOutput> {
      if (topic.deleted) throw errors.NotFoundException("Topic does not exist");
      const out = publishPrepared(topic, prepareMessage(topic, input));
      return { MessageId: out.MessageId as string, ...(out.SequenceNumber === undefined ? {} : { SequenceNumber: out.SequenceNumber }) };
    },
  });

  /** Outbox capture for Publish to a PhoneNumber or a platform-endpoint TargetArn: no topic involved. */
  const publishDirect = (protocol: SubscriptionProtocol, endpoint: string, input: S.PublishInput): S.PublishResponse => {
    if (typeof input.Message !== "string" || input.Message.length === 0) throw invalidParameter("Empty message");
    if (input.Message.length > LIMITS.defaultMaximumMessageSize) throw invalidParameter("Message too long");
    const messageId = ctx.ids.uuid("sns.ids");
    outbox.push({ protocol, endpoint, subscriptionArn: undefined, topicArn: undefined, type: "Notification", messageId, subject: undefined, body: input.Message, time: ctx.scheduler.now() });
    return { MessageId: messageId };
  };

  // Listings in creation order, so the kit's token holds an offset; a token from another listing is "Invalid parameter: NextToken".
  const page = <T>(items: T[], nextToken: string | undefined, size: number, scope: string): { items: T[]; next: string | undefined } => {
    const result = paginate(items, {
      nextToken: nextToken ?? undefined,
      defaultLimit: size,
      scope,
      invalidToken: () => invalidParameter("NextToken"),
    });
    return { items: result.items, next: result.nextToken };
  };

  const summary = (sub: Subscription): S.SubscriptionSummary => ({
    SubscriptionArn: sub.pending ? "PendingConfirmation" : sub.arn,
    Owner: sub.owner,
    Protocol: sub.protocol,
    Endpoint: sub.endpoint,
    TopicArn: sub.topicArn,
  });

  const topicForTagging = (arnText: unknown): Topic => {
    if (typeof arnText !== "string" || parseArn(arnText) === undefined) throw invalidParameter("ResourceArn");
    const topic = topicByArn(arnText);
    if (topic === undefined) throw errors.ResourceNotFoundException("Resource does not exist");
    return topic;
  };

  const batchRules: BatchRules<S.PublishBatchRequestEntry, S.BatchResultErrorEntry> = {
    maxEntries: LIMITS.maxBatchEntries,
    empty: () => errors.EmptyBatchRequestException("The batch request doesn't contain any entries."),
    tooMany: () => errors.TooManyEntriesInBatchRequestException("The batch request contains more entries than permissible."),
    invalidId: (id) =>
      errors.InvalidBatchEntryIdException(
        typeof id === "string" && id.length > LIMITS.maxBatchEntryIdLength
          ? `The Id of a batch entry in the batch request is too long: ${id}`
          : `The Id of a batch entry in the batch request contains an impermissible character: ${String(id)}`,
      ),
    duplicateId: () => errors.BatchEntryIdsNotDistinctException("Two or more batch entries in the request have the same Id."),
    failsRequest: (error) =>
      error.code === "ValidationError" ||
      error.code === "InvalidParameterValueException" ||
      /MessageGroupId|MessageDeduplicationId|ContentBasedDeduplication|Message Structure/.test(error.message),
    // BatchResultErrorEntry.Code is the wire (awsQuery) code: InvalidParameter, ParameterValueInvalid.
    failure: (Id, error) => ({ Id, Code: error.queryCode ?? error.code, Message: error.message, SenderFault: true }),
  };

  // One rules object per topic (its size limit is read at call time): a batch call creates no rule closures.
  const topicBatchRules = new WeakMap<Topic, BatchRules<S.PublishBatchRequestEntry, S.BatchResultErrorEntry>>();
  const batchRulesFor = (topic: Topic): BatchRules<S.PublishBatchRequestEntry, S.BatchResultErrorEntry> => {
    let rules = topicBatchRules.get(topic);
    if (rules === undefined) {
      rules = {
        ...batchRules,
        precheck: (entries) => {
          let total = 0;
          for (const entry of entries) total += rawSize(entry);
          if (total > topic.settings.maximumMessageSize) throw errors.BatchRequestTooLongException("The length of all the messages put together is more than the limit.");
        },
      };
      topicBatchRules.set(topic, rules);
    }
    return rules;
  };

  const removeSubscription = (sub: Subscription): void => {
    sub.deleted = true;
    subscriptions.delete(sub.arn);
    topicByArn(sub.topicArn)?.unsubscribe(sub);
    if (sub.token !== undefined) tokens.delete(sub.token);
    ctx.trace.record("sns.subscription.deleted", { subscriptionArn: sub.arn, topicArn: sub.topicArn });
  };

  const service: TopicService = {
    async createTopic(input) {
      const attributes = input.Attributes ?? {};
      const fifoText = attributes["FifoTopic"];
      if (fifoText !== undefined && fifoText !== "true" && fifoText !== "false") throw invalidParameter("Attributes Reason: FifoTopic: Invalid value");
      const fifo = fifoText === "true";
      const name = validateTopicName(input.Name, fifo);
      const tags = new TagSet(snsTagRules, input.Tags);
      const arn = buildArn("sns", name, scope);
      const existing = topicByArn(arn);
      if (existing !== undefined) {
        // CreateTopic is idempotent: the same name and attributes return the existing ARN.
        const current = existing.attributes(ctx.accountId);
        for (const [key, value] of Object.entries(attributes)) {
          if (key === "FifoTopic" ? value !== String(existing.fifo) : current[key] !== value) {
            throw invalidParameter("Attributes Reason: Topic already exists with different attributes");
          }
        }
        // Tags given again must already be on the topic with the same values: a subset is fine, a new or changed one is
        // not (AWS's recorded test_create_duplicate_topic_with_more_tags).
        for (const [key, value] of tags.entries()) {
          if (existing.tags.get(key) !== value) throw invalidParameter("Tags Reason: Topic already exists with different tags");
        }
        return { TopicArn: arn };
      }
      if (topics.size >= LIMITS.maxTopics) throw errors.TopicLimitExceededException("Topic limit exceeded");
      let settings: TopicSettings = defaultTopicSettings(arn, ctx.accountId, fifo);
      for (const [key, value] of Object.entries(attributes)) {
        if (key !== "FifoTopic") settings = withTopicAttribute(settings, key, value, []);
      }
      if (input.DataProtectionPolicy !== undefined) settings = withTopicAttribute(settings, "DataProtectionPolicy", input.DataProtectionPolicy, []);
      const topic = new Topic(arn, name, ctx.accountId, settings, tags);
      topics.add(topic);
      return { TopicArn: arn };
    },

    async deleteTopic(input) {
      requireSnsArn(input.TopicArn, "TopicArn", scope);
      const topic = topicByArn(input.TopicArn);
      // DeleteTopic API reference: deleting a topic that does not exist does not result in an error.
      if (topic === undefined) return {};
      for (const sub of [...topic.subscriptions.values()]) removeSubscription(sub);
      topic.deleted = true;
      topics.remove(topic);
      return {};
    },

    async listTopics(input = {}) {
      const { items, next } = page([...topics].map((topic) => topic.arn), input.NextToken, LIMITS.topicsPerPage, "sns.listTopics");
      return { Topics: items.map((TopicArn) => ({ TopicArn })), ...(next === undefined ? {} : { NextToken: next }) };
    },

    async getTopicAttributes(input) {
      return { Attributes: topicFor(input.TopicArn).attributes(ctx.accountId) };
    },

    async addPermission(input) {
      const topic = topicFor(input.TopicArn);
      topic.settings = { ...topic.settings, policy: addStatement(topic.settings.policy, topic.arn, input) };
      return {};
    },

    async removePermission(input) {
      const topic = topicFor(input.TopicArn);
      topic.settings = { ...topic.settings, policy: removeStatement(topic.settings.policy, input) };
      return {};
    },

    async setTopicAttributes(input) {
      const topic = topicFor(input.TopicArn);
      const name = requireString(input.AttributeName, "AttributeName");
      if (name === "FifoTopic") throw invalidParameter("AttributeName");
      topic.settings = withTopicAttribute(topic.settings, name, input.AttributeValue ?? "", topic.subscriptions.values());
      return {};
    },

    async subscribe(input) {
      const topic = topicFor(input.TopicArn);
      const protocol = validateProtocol(input.Protocol);
      const endpoint = validateEndpoint(protocol, input.Endpoint);
      if (topic.fifo && protocol !== "sqs") throw invalidParameter(`Invalid protocol type: ${protocol}. FIFO topics support only sqs subscriptions`);
      if (!topic.fifo && protocol === "sqs" && endpoint.endsWith(".fifo")) {
        throw invalidParameter("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
      }
      let settings: SubscriptionSettings = DEFAULT_SUBSCRIPTION_SETTINGS;
      const attributes = input.Attributes ?? {};
      // FilterPolicyScope first, so a FilterPolicy is compiled for the scope given in the same request, whatever the key order.
      const ordered = Object.entries(attributes).sort(([a], [b]) => Number(b === "FilterPolicyScope") - Number(a === "FilterPolicyScope"));
      for (const [key, value] of ordered) settings = withAttribute(settings, key, value, protocol, topic.fifo, true);
      const sub = topic.subscriptionTo(protocol, endpoint);
      if (sub !== undefined) {
        // Subscribe is idempotent for the same endpoint and attributes.
        const current = sub.attributes(topic.settings.deliveryPolicy);
        for (const [key, value] of Object.entries(attributes)) {
          if ((current[key] ?? "") !== value) throw invalidParameter("Attributes Reason: Subscription already exists with different attributes");
        }
        return { SubscriptionArn: sub.pending && input.ReturnSubscriptionArn !== true ? "pending confirmation" : sub.arn };
      }
      checkLargeTopicSubscription(topic, protocol);
      const crossAccountQueue = protocol === "sqs" && parseArn(endpoint)?.accountId !== ctx.accountId;
      const pending = NEEDS_CONFIRMATION.has(protocol) || crossAccountQueue;
      const arn = `${topic.arn}:${ctx.ids.uuid("sns.subscriptions")}`;
      const created = new Subscription(arn, topic.arn, protocol, endpoint, ctx.accountId, settings, pending, undefined);
      topic.subscribe(created);
      subscriptions.set(arn, created);
      ctx.trace.record("sns.subscription.created", { subscriptionArn: arn, topicArn: topic.arn, protocol, endpoint, pending });
      if (pending) {
        created.token = newToken(created);
        deliveries.sendConfirmation(topic, created, "SubscriptionConfirmation", created.token);
      }
      return { SubscriptionArn: pending && input.ReturnSubscriptionArn !== true ? "pending confirmation" : arn };
    },

    async unsubscribe(input) {
      const arn = requireSnsArn(input.SubscriptionArn, "SubscriptionArn", scope);
      // A subscription ARN is <topic>:<id>; without the id AWS names the parameter.
      if (!arn.resource.includes(":")) throw invalidParameter("SubscriptionId");
      const sub = subscriptions.get(input.SubscriptionArn as string);
      // Unsubscribe is idempotent: a subscription already gone answers success, as AWS does.
      if (sub === undefined) return {};
      const topic = topicByArn(sub.topicArn);
      removeSubscription(sub);
      if (topic !== undefined && (sub.protocol === "http" || sub.protocol === "https")) {
        deliveries.sendConfirmation(topic, sub, "UnsubscribeConfirmation", ctx.ids.hex(256, "sns.tokens"));
      }
      return {};
    },

    async confirmSubscription(input) {
      requireSnsArn(input.TopicArn, "TopicArn", scope);
      const token = requireString(input.Token, "Token");
      if (input.AuthenticateOnUnsubscribe !== undefined && input.AuthenticateOnUnsubscribe !== "true" && input.AuthenticateOnUnsubscribe !== "false") {
        throw invalidParameter("AuthenticateOnUnsubscribe");
      }
      // AWS's recorded answers: a malformed token is "Invalid token"; a well-formed one it does not know (or one for
      // another topic) is "Invalid parameter: Token", whether or not the topic exists.
      const entry = tokens.get(token);
      if (entry === undefined && !/^[0-9a-f]{64,}$/i.test(token)) throw errors.InvalidParameterException("Invalid token");
      if (entry === undefined || entry.sub.topicArn !== input.TopicArn) throw invalidParameter("Token");
      const topic = topicFor(input.TopicArn);
      if (entry.expires <= ctx.scheduler.now() || entry.sub.deleted) throw errors.InvalidParameterException("Invalid token");
      entry.sub.confirmationWasAuthenticated = input.AuthenticateOnUnsubscribe === "true";
      confirm(entry.sub);
      return { SubscriptionArn: entry.sub.arn };
    },

    async listSubscriptions(input = {}) {
      const { items, next } = page([...subscriptions.values()], input.NextToken, LIMITS.subscriptionsPerPage, "sns.listSubscriptions");
      return { Subscriptions: items.map(summary), ...(next === undefined ? {} : { NextToken: next }) };
    },

    async listSubscriptionsByTopic(input) {
      const topic = topicFor(input.TopicArn);
      const { items, next } = page([...topic.subscriptions.values()], input.NextToken, LIMITS.subscriptionsPerPage, `sns.listSubscriptionsByTopic:${topic.arn}`);
      return { Subscriptions: items.map(summary), ...(next === undefined ? {} : { NextToken: next }) };
    },

    async getSubscriptionAttributes(input) {
      const sub = subscriptionFor(input.SubscriptionArn);
      return { Attributes: sub.attributes(topicByArn(sub.topicArn)?.settings.deliveryPolicy) };
    },

    async setSubscriptionAttributes(input) {
      const sub = subscriptionFor(input.SubscriptionArn);
      const name = requireString(input.AttributeName, "AttributeName");
      const fifo = topicByArn(sub.topicArn)?.fifo ?? false;
      sub.settings = withAttribute(sub.settings, name, input.AttributeValue ?? "", sub.protocol, fifo);
      return {};
    },

    async publish(input) {
      const targets = [input.TopicArn, input.TargetArn, input.PhoneNumber].filter((t) => t !== undefined && t !== null && t !== "");
      // An empty TopicArn is an ARN of one element to AWS (recorded test_publish_wrong_arn_format).
      if (input.TopicArn === "" && targets.length === 0) throw invalidParameter("TopicArn Reason: An ARN must have at least 6 elements, not 1");
      if (targets.length === 0) throw invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
      if (targets.length > 1) throw invalidParameter("TopicArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be given");
      if (input.PhoneNumber) {
        if (!/^\+[1-9][0-9]{1,14}$/.test(input.PhoneNumber)) throw invalidParameter(`PhoneNumber Reason: ${input.PhoneNumber} is not valid to publish to`);
        return publishDirect("sms", input.PhoneNumber, input);
      }
      const arnText = (input.TopicArn || input.TargetArn) as string;
      const arn = requireSnsArn(arnText, input.TopicArn ? "TopicArn" : "TargetArn", scope);
      if (arn.resource.startsWith("endpoint/")) return publishDirect("application", arnText, input);
      const topic = topicFor(arnText, input.TopicArn ? "TopicArn" : "TargetArn");
      return publishPrepared(topic, prepareMessage(topic, input));
    },

    async publishBatch(input) {
      const topic = topicFor(input.TopicArn);
      // Every entry is validated before any is published. Attribute, MessageStructure and FIFO-id failures reject the
      // whole request with 400, as AWS answered (recorded test_publish_batch_exceptions,
      // test_empty_or_wrong_message_attributes); other entry failures are reported per entry in a 200.
      const checked = runBatch(
        input.PublishBatchRequestEntries,
        batchRulesFor(topic),
        (entry, index) => ({ Id: entry.Id, ready: prepareMessage(topic, entry, `publishBatchRequestEntries.${index + 1}.member.messageAttributes`) }),
      );
      return { Successful: checked.Successful.map(({ Id, ready }) => ({ Id, ...publishPrepared(topic, ready) })), Failed: checked.Failed };
    },

    async tagResource(input) {
      const topic = topicForTagging(input.ResourceArn);
      if (input.Tags == null) throw missingMember("tags");
      topic.tags.apply(input.Tags);
      return {};
    },

    async untagResource(input) {
      const topic = topicForTagging(input.ResourceArn);
      if (input.TagKeys == null) throw missingMember("tagKeys");
      topic.tags.remove(validateTagKeys(input.TagKeys, snsUntagRules));
      return {};
    },

    async listTagsForResource(input) {
      const topic = topicForTagging(input.ResourceArn);
      return { Tags: topic.tags.toList() };
    },

    registerEndpoint(url, handler, registerOptions = {}) {
      const entry: RegisteredEndpoint = { handler, autoConfirm: registerOptions.autoConfirm ?? options.autoConfirm ?? false };
      endpoints.set(url, entry);
      return () => {
        if (endpoints.get(url) === entry) endpoints.delete(url);
      };
    },

    outbox(filter) {
      return filterOutbox(outbox, filter);
    },

    clearOutbox() {
      outbox.length = 0;
    },

    signingCertificatePem,

    async openUrl(url) {
      const parsed = new URL(url);
      const action = parsed.searchParams.get("Action");
      if (action === "ConfirmSubscription") {
        return service.confirmSubscription({ TopicArn: parsed.searchParams.get("TopicArn") ?? undefined, Token: parsed.searchParams.get("Token") ?? undefined });
      }
      if (action === "Unsubscribe") {
        await service.unsubscribe({ SubscriptionArn: parsed.searchParams.get("SubscriptionArn") ?? undefined });
        return {};
      }
      throw invalidParameter("Action");
    },

    metrics(topicArn) {
      const topic = topicFor(topicArn);
      const s = topic.stats;
      return {
        NumberOfMessagesPublished: s.published,
        NumberOfNotificationsDelivered: s.delivered,
        NumberOfNotificationsFailed: s.failed,
        NumberOfNotificationsFilteredOut: s.filteredOut,
        NumberOfNotificationsRedrivenToDlq: s.redrivenToDlq,
        NumberOfNotificationsFailedToRedriveToDlq: s.failedToRedriveToDlq,
      };
    },
  };
  return guardInputs(service, SNS_INPUTS satisfies { readonly [K in Exclude<keyof TopicService, "registerEndpoint" | "outbox" | "clearOutbox" | "signingCertificatePem" | "openUrl" | "metrics">]: StructShape }, ({ path }) => invalidParameter(path));
}

/** A required list left out (the SDK's types allow `undefined`): AWS's request validation, before anything changes. */
function missingMember(member: string): Error {
  return errors.ValidationError(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}
