import { buildArn, compileFilter, isAwsError, paginate, parseArn, TagSet, type CompiledFilter, type Lineage, type SimContext } from "@simcloud/core";
import { errors } from "./errors";
import type { LambdaFunction } from "./function";
import { LIMITS } from "./limits";
import type { BatchInvokeResult, EventSourcePoller, PollerHost, PollerSettings } from "./poller";
import { createKinesisPoller, streamMappingSettings, streamMappingShape, type StreamMappingSettings } from "./kinesis-poller";
import { createSqsPoller } from "./sqs-poller";
import type {
  CreateEventSourceMappingCommandInput,
  EventSourceMappingConfiguration,
  EventSourceMappingState,
  FilterCriteria,
  ListEventSourceMappingsCommandInput,
  ListEventSourceMappingsCommandOutput,
  UpdateEventSourceMappingCommandInput,
} from "./event-source-mapping-types";
import { checkRange, invalidMarker, LAMBDA_TAG_RULES } from "./validate";
import "./trace";

/** What the Lambda service lends the mappings: function lookup and the synchronous batch invoke. */
export interface MappingHost {
  resolveFunction(functionName: string): { fn: LambdaFunction; qualifier: string | undefined };
  invokeBatch(fn: LambdaFunction, qualifier: string | undefined, event: { Records: unknown[] }, lineages: Iterable<Lineage | undefined>): Promise<BatchInvokeResult>;
}

/** A poller factory per event-source service in the ARN ("sqs" here; "kinesis" arrives with the stream issue). */
export type PollerFactory = (ctx: SimContext, host: PollerHost) => EventSourcePoller;

interface Mapping {
  uuid: string;
  fn: LambdaFunction;
  qualifier: string | undefined;
  eventSourceArn: string;
  batchSize: number;
  windowSeconds: number;
  filterCriteria: FilterCriteria | undefined;
  filters: CompiledFilter<"eventbridge">[];
  responseTypes: ("ReportBatchItemFailures")[];
  maximumConcurrency: number | undefined;
  enabled: boolean;
  lastModified: number;
  lastProcessingResult: string;
  poller: EventSourcePoller;
  stream?: StreamMappingSettings;
  tags: TagSet;
}

export class EventSourceMappings {
  private readonly mappings = new Map<string, Mapping>();
  private readonly factories = new Map<string, PollerFactory>([["sqs", createSqsPoller], ["kinesis", createKinesisPoller]]);

  constructor(
    private readonly ctx: SimContext,
    private readonly host: MappingHost,
  ) {}

  /** The extension point for other sources: the stream package's poller registers itself for "kinesis". */
  registerPoller(service: string, factory: PollerFactory): void {
    this.factories.set(service, factory);
  }

  create(input: CreateEventSourceMappingCommandInput): EventSourceMappingConfiguration {
    const { fn, qualifier } = this.resolveForMapping(requireText(input.FunctionName, "functionName"));
    // AWS's recorded answer for a mapping without a source: InvalidParameterValueException, not a null-member ValidationException.
    if (input.EventSourceArn === undefined) throw errors.InvalidParameterValueException("Unrecognized event source.");
    const source = requireText(input.EventSourceArn, "eventSourceArn");
    const service = parseArn(source)?.service;
    const factory = service === undefined ? undefined : this.factories.get(service);
    if (factory === undefined) {
      throw errors.InvalidParameterValueException(`Unrecognized event source, must be kinesis, dynamodb stream, sqs, msk or kafka: ${source}`);
    }
    const fifo = this.checkQueue(source, fn);
    const streamed = service === "kinesis" ? streamMappingSettings(this.ctx, input, source) : undefined;
    const batchSize = streamed?.batchSize ?? input.BatchSize ?? LIMITS.sqsBatchDefault;
    const window = streamed?.window ?? input.MaximumBatchingWindowInSeconds ?? 0;
    if (streamed === undefined) this.checkBatching(batchSize, window, fifo);
    const filters = compileFilters(input.FilterCriteria);
    checkResponseTypes(input.FunctionResponseTypes);
    checkRange(input.ScalingConfig?.MaximumConcurrency, "scalingConfig.maximumConcurrency", LIMITS.maximumConcurrencyMin, LIMITS.maximumConcurrencyMax);
    const tags = new TagSet(LAMBDA_TAG_RULES, input.Tags);
    for (const existing of this.mappings.values()) {
      if (existing.fn === fn && existing.eventSourceArn === source && existing.qualifier === qualifier) {
        // Lambda words SQS conflicts apart from every other source's.
        throw errors.ResourceConflictException(
          service === "sqs"
            ? `An event source mapping with SQS arn (" ${source} ") and function (" ${fn.name} ") already exists. Please update or delete the existing mapping with UUID ${existing.uuid}`
            : `The event source arn (" ${source} ") and function (" ${fn.name} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${existing.uuid}`,
        );
      }
    }
    const uuid = this.ctx.ids.uuid("lambda.mappings");
    const mapping: Mapping = {
      uuid,
      fn,
      qualifier,
      eventSourceArn: source,
      batchSize,
      windowSeconds: window,
      filterCriteria: input.FilterCriteria,
      filters,
      responseTypes: [...(input.FunctionResponseTypes ?? [])],
      maximumConcurrency: input.ScalingConfig?.MaximumConcurrency,
      enabled: input.Enabled ?? true,
      lastModified: this.ctx.clock.now(),
      lastProcessingResult: "No records processed",
      poller: undefined as unknown as EventSourcePoller,
      ...(streamed === undefined ? {} : { stream: streamed.settings }),
      tags,
    };
    mapping.poller = factory(this.ctx, this.pollerHost(mapping));
    this.mappings.set(uuid, mapping);
    mapping.poller.setEnabled(mapping.enabled);
    return this.shape(mapping, mapping.enabled ? "Creating" : "Disabled");
  }

  /** A mapping's tags (its ARN can be tagged like a function's), or undefined when there is no such mapping. */
  tagsOf(uuid: string): TagSet | undefined {
    return this.mappings.get(uuid)?.tags;
  }

  /** CreateEventSourceMapping names a missing function as InvalidParameterValueException (AWS's recorded answer). */
  private resolveForMapping(name: string): { fn: LambdaFunction; qualifier: string | undefined } {
    try {
      return this.host.resolveFunction(name);
    } catch (error) {
      if ((error as { code?: unknown }).code === "ResourceNotFoundException") {
        throw errors.InvalidParameterValueException("Function does not exist");
      }
      throw error;
    }
  }

  get(uuid: string | undefined): EventSourceMappingConfiguration {
    const mapping = this.require(uuid);
    return this.shape(mapping, mapping.enabled ? "Enabled" : "Disabled");
  }

  update(input: UpdateEventSourceMappingCommandInput): EventSourceMappingConfiguration {
    const mapping = this.require(input.UUID);
    const target = input.FunctionName === undefined ? undefined : this.host.resolveFunction(input.FunctionName);
    const fifo = this.checkQueue(mapping.eventSourceArn, target?.fn ?? mapping.fn);
    const streamed = mapping.stream === undefined ? undefined : streamMappingSettings(this.ctx, { BatchSize: mapping.batchSize, MaximumBatchingWindowInSeconds: mapping.windowSeconds, ...input }, mapping.eventSourceArn, mapping.stream);
    const batchSize = input.BatchSize ?? mapping.batchSize;
    const window = input.MaximumBatchingWindowInSeconds ?? mapping.windowSeconds;
    if (streamed === undefined) this.checkBatching(batchSize, window, fifo);
    const filters = input.FilterCriteria === undefined ? mapping.filters : compileFilters(input.FilterCriteria);
    checkResponseTypes(input.FunctionResponseTypes);
    checkRange(input.ScalingConfig?.MaximumConcurrency, "scalingConfig.maximumConcurrency", LIMITS.maximumConcurrencyMin, LIMITS.maximumConcurrencyMax);
    if (target !== undefined) {
      mapping.fn = target.fn;
      mapping.qualifier = target.qualifier;
    }
    mapping.batchSize = batchSize;
    mapping.windowSeconds = window;
    if (input.FilterCriteria !== undefined) {
      mapping.filterCriteria = (input.FilterCriteria.Filters ?? []).length === 0 ? undefined : input.FilterCriteria;
      mapping.filters = filters;
    }
    if (input.FunctionResponseTypes !== undefined) mapping.responseTypes = [...input.FunctionResponseTypes];
    if (input.ScalingConfig !== undefined) mapping.maximumConcurrency = input.ScalingConfig.MaximumConcurrency;
    if (input.Enabled !== undefined) mapping.enabled = input.Enabled;
    if (streamed !== undefined) mapping.stream = streamed.settings;
    mapping.lastModified = this.ctx.clock.now();
    mapping.poller.setEnabled(mapping.enabled);
    return this.shape(mapping, "Updating");
  }

  delete(uuid: string | undefined): EventSourceMappingConfiguration {
    const mapping = this.require(uuid);
    mapping.poller.stop();
    this.mappings.delete(mapping.uuid);
    return this.shape(mapping, "Deleting");
  }

  list(input: ListEventSourceMappingsCommandInput): ListEventSourceMappingsCommandOutput {
    checkRange(input.MaxItems, "maxItems", 1, 10_000);
    const fn = input.FunctionName === undefined ? undefined : this.host.resolveFunction(input.FunctionName).fn;
    const all = [...this.mappings.values()]
      .filter((mapping) => (fn === undefined || mapping.fn === fn) && (input.EventSourceArn === undefined || mapping.eventSourceArn === input.EventSourceArn))
      .map((mapping) => this.shape(mapping, mapping.enabled ? "Enabled" : "Disabled"));
    const scope = `lambda.listEventSourceMappings:${fn?.arn ?? ""}:${input.EventSourceArn ?? ""}`;
    const page = paginate(all, { maxResults: input.MaxItems, nextToken: input.Marker, defaultLimit: 100, scope, invalidToken: invalidMarker });
    return { EventSourceMappings: page.items, ...(page.nextToken === undefined ? {} : { NextMarker: page.nextToken }) };
  }

  /** DeleteFunction leaves its mappings in place in AWS, but they can no longer invoke: stop polling. */
  functionDeleted(fn: LambdaFunction): void {
    for (const mapping of this.mappings.values()) {
      if (mapping.fn === fn) {
        mapping.enabled = false;
        mapping.poller.setEnabled(false);
        mapping.lastProcessingResult = "PROBLEM: Function not found";
        this.ctx.trace.record("lambda.esm.disabled", { uuid: mapping.uuid, reason: "function deleted" });
      }
    }
  }

  private pollerHost(mapping: Mapping): PollerHost {
    return {
      settings: (): PollerSettings => ({
        uuid: mapping.uuid,
        eventSourceArn: mapping.eventSourceArn,
        functionName: mapping.fn.name,
        batchSize: mapping.batchSize,
        batchingWindowMs: mapping.windowSeconds * 1000,
        reportBatchItemFailures: mapping.responseTypes.includes("ReportBatchItemFailures"),
        maximumConcurrency: mapping.maximumConcurrency,
        filters: mapping.filters,
        ...(mapping.stream === undefined ? {} : { stream: mapping.stream }),
        functionArn: mapping.fn.arn,
        ...(mapping.fn.latest.config.Role === undefined ? {} : { functionRole: mapping.fn.latest.config.Role }),
      }),
      invoke: (event, lineages) => this.host.invokeBatch(mapping.fn, mapping.qualifier, event, lineages),
      report: (result, failure) => {
        mapping.lastProcessingResult = result;
        if (failure !== undefined) {
          mapping.fn.recordMappingFailure(
            this.ctx.clock.now(),
            mapping.uuid,
            `Event source mapping ${mapping.uuid} failed to process a batch of ${failure.size} record(s) from ${mapping.eventSourceArn}: ${failure.reason}`,
          );
        }
      },
    };
  }

  /** The queue must exist, and its visibility timeout must cover the function's timeout (CreateEventSourceMapping errors). */
  private checkQueue(source: string, fn: LambdaFunction): boolean {
    if (parseArn(source)?.service !== "sqs") return false;
    const port = this.ctx.registry.resolve("queue", source)?.port;
    if (port === undefined) {
      throw errors.InvalidParameterValueException(
        "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist or you do not have access to it.",
      );
    }
    const { visibilityTimeoutSeconds, fifo } = port.attributes();
    const timeout = fn.latest.config.Timeout;
    if (visibilityTimeoutSeconds < timeout) {
      throw errors.InvalidParameterValueException(`Queue visibility timeout: ${visibilityTimeoutSeconds} seconds is less than Function timeout: ${timeout} seconds`);
    }
    return fifo;
  }

  private checkBatching(batchSize: number, window: number, fifo: boolean): void {
    checkRange(batchSize, "batchSize", 1, fifo ? LIMITS.sqsFifoBatchMax : LIMITS.sqsBatchMax);
    checkRange(window, "maximumBatchingWindowInSeconds", 0, LIMITS.batchingWindowMaxSeconds);
    if (fifo && window > 0) throw errors.InvalidParameterValueException("Batching window is not supported for FIFO queues");
    if (batchSize > 10 && window < 1) {
      throw errors.InvalidParameterValueException("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
    }
  }

  private require(uuid: string | undefined): Mapping {
    const mapping = uuid === undefined ? undefined : this.mappings.get(uuid);
    if (mapping === undefined) throw errors.ResourceNotFoundException("The resource you requested does not exist.");
    return mapping;
  }

  private shape(mapping: Mapping, state: EventSourceMappingState): EventSourceMappingConfiguration {
    return {
      UUID: mapping.uuid,
      EventSourceMappingArn: buildArn("lambda", `event-source-mapping:${mapping.uuid}`, { region: this.ctx.region, accountId: this.ctx.accountId }),
      EventSourceArn: mapping.eventSourceArn,
      FunctionArn: mapping.qualifier === undefined ? mapping.fn.arn : `${mapping.fn.arn}:${mapping.qualifier}`,
      BatchSize: mapping.batchSize,
      MaximumBatchingWindowInSeconds: mapping.windowSeconds,
      ...(mapping.filterCriteria === undefined ? {} : { FilterCriteria: structuredClone(mapping.filterCriteria) }),
      FunctionResponseTypes: [...mapping.responseTypes],
      ...(mapping.maximumConcurrency === undefined ? {} : { ScalingConfig: { MaximumConcurrency: mapping.maximumConcurrency } }),
      ...(mapping.stream === undefined ? {} : streamMappingShape(mapping.stream)),
      LastModified: new Date(mapping.lastModified),
      LastProcessingResult: mapping.lastProcessingResult,
      State: state,
      // AWS words it differently per source (recorded answers): SQS "USER_INITIATED", streams "User action".
      StateTransitionReason: mapping.stream === undefined ? "USER_INITIATED" : "User action",
    };
  }
}

function requireText(value: unknown, member: string): string {
  if (typeof value !== "string" || value === "") {
    throw errors.ValidationException(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

function compileFilters(criteria: FilterCriteria | undefined): CompiledFilter<"eventbridge">[] {
  const list = criteria?.Filters ?? [];
  if (list.length > LIMITS.filtersMax) {
    throw errors.InvalidParameterValueException(`The number of filters exceeds the limit of ${LIMITS.filtersMax}.`);
  }
  return list.map((filter) => {
    try {
      return compileFilter(filter.Pattern ?? "", "eventbridge");
    } catch (error) {
      const detail = isAwsError(error) ? error.message : error instanceof Error ? error.message : String(error);
      throw errors.InvalidParameterValueException(`Invalid filter pattern definition. ${detail}`);
    }
  });
}

function checkResponseTypes(types: readonly string[] | undefined): void {
  for (const type of types ?? []) {
    if (type !== "ReportBatchItemFailures") {
      throw errors.ValidationException(
        `1 validation error detected: Value '[${type}]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]`,
      );
    }
  }
}
