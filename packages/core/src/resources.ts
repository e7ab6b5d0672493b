import type { AwsError } from "./errors";
import type { AnyPort } from "./ports";
import type { Registry } from "./registry";
import type { Trace } from "./trace";

export interface ResourceTableOptions<R> {
  /** The service's noun for the resource in trace events, e.g. "sqs.queue", "kinesis.stream". */
  kind: string;
  arnOf(resource: R): string;
  nameOf(resource: R): string;
  /** The service's own not-found error for a name or ARN nobody holds. */
  notFound(key: string): AwsError;
  /** The port other services reach the resource through; registered on add, unregistered on remove. */
  port?(resource: R): AnyPort;
  /**
   * The service's own trace events in place of `resource.created` / `resource.deleted`, where it has richer ones that
   * users read in the timeline (SQS's `sqs.queue.created` carries the URL and the FIFO flag).
   */
  traced?: { created(resource: R): void; deleted(resource: R): void };
}

/**
 * A service's resources of one kind, by name and by ARN, in creation order. Keeps the registry and the trace in
 * step with the table: `add` registers the port and records `resource.created`, `remove` unregisters it and records
 * `resource.deleted`. Lookups by a key starting with "arn:" go by ARN, any other key by name.
 */
export class ResourceTable<R> {
  private readonly byName = new Map<string, R>();
  private readonly byArn = new Map<string, R>();

  constructor(
    private readonly ctx: { readonly registry: Registry; readonly trace: Trace },
    private readonly options: ResourceTableOptions<R>,
  ) {}

  get size(): number {
    return this.byName.size;
  }

  /**
   * Adds a resource. A name or ARN already held is a bug in the calling service (it checks for its own
   * conflict error first), so it throws a plain Error and changes nothing.
   */
  add(resource: R): R {
    const name = this.options.nameOf(resource);
    const arn = this.options.arnOf(resource);
    if (this.byName.has(name) || this.byArn.has(arn)) throw new Error(`${this.options.kind} ${name} (${arn}) is already in the table`);
    const port = this.options.port?.(resource);
    if (port !== undefined) this.ctx.registry.register(port);
    this.byName.set(name, resource);
    this.byArn.set(arn, resource);
    if (this.options.traced !== undefined) this.options.traced.created(resource);
    else this.ctx.trace.record("resource.created", { kind: this.options.kind, name, arn });
    return resource;
  }

  /** The resource, or the service's not-found error. */
  get(nameOrArn: string): R {
    const found = this.find(nameOrArn);
    if (found === undefined) throw this.options.notFound(nameOrArn);
    return found;
  }

  find(nameOrArn: string): R | undefined {
    return nameOrArn.startsWith("arn:") ? this.byArn.get(nameOrArn) : this.byName.get(nameOrArn);
  }

  /** By ARN only, for a parameter that holds an ARN: a name, or a caller's non-string input, finds nothing. */
  findByArn(arn: unknown): R | undefined {
    return typeof arn === "string" ? this.byArn.get(arn) : undefined;
  }

  /** By name only, for a parameter that holds a name: an ARN, or a caller's non-string input, finds nothing. */
  findByName(name: unknown): R | undefined {
    return typeof name === "string" ? this.byName.get(name) : undefined;
  }

  has(nameOrArn: string): boolean {
    return this.find(nameOrArn) !== undefined;
  }

  /** Removes the resource (by name, ARN or the resource itself) and returns it; undefined when not held. */
  remove(key: string | R): R | undefined {
    const resource = typeof key === "string" ? this.find(key) : key;
    if (resource === undefined) return undefined;
    const name = this.options.nameOf(resource);
    const arn = this.options.arnOf(resource);
    if (this.byName.get(name) !== resource) return undefined;
    this.byName.delete(name);
    this.byArn.delete(arn);
    if (this.options.port !== undefined) this.ctx.registry.unregister(arn);
    if (this.options.traced !== undefined) this.options.traced.deleted(resource);
    else this.ctx.trace.record("resource.deleted", { kind: this.options.kind, name, arn });
    return resource;
  }

  /** Every resource, in the order they were added. */
  values(): IterableIterator<R> {
    return this.byName.values();
  }

  [Symbol.iterator](): IterableIterator<R> {
    return this.byName.values();
  }
}
