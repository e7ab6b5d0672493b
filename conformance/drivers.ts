/**
 * How `call`/`expect`/`start`/`waitFor` steps reach a cloud.
 *
 * - `sdk`: real AWS SDK v3 clients on `cloud.clientConfig()` with `maxAttempts: 1`; the command class is
 *   `<command>Command` from the client package. Errors are compared by the SDK exception's `name`.
 * - `native`: the same input to `cloud.<service>.<camelCase(command)>(input)`. Errors are compared by the
 *   AwsError's `code`, which every service sets to the SDK exception name (`queryCode` holds the wire code).
 */
import type { Cloud } from "simcloud";

export type DriverKind = "sdk" | "native";

export interface Driver {
  readonly kind: DriverKind;
  /** Sends one command; resolves with its raw output, rejects with the service's error. `headers` (sdk only) go on the HTTP request. */
  call(service: string, command: string, input: unknown, headers?: Readonly<Record<string, string>>): Promise<unknown>;
  /** The SDK exception name an error from `call` stands for (what a step's `error` names). */
  errorName(service: string, error: unknown): string;
  dispose(): void;
}

/** A failure of the harness itself (unknown service or command), never mistaken for a service error. */
export class DriverError extends Error {
  override readonly name = "DriverError";
}

/** Vector service name → cloud property. */
export const NATIVE_SERVICES: Readonly<Record<string, string>> = {
  sqs: "sqs",
  sns: "sns",
  lambda: "lambda",
  kinesis: "kinesis",
  events: "events",
  scheduler: "schedules",
  sfn: "sfn",
  stepfunctions: "sfn",
};

type ClientModule = Record<string, unknown>;
interface SdkClientInfo {
  readonly clientClass: string;
  readonly load: () => Promise<ClientModule>;
}

/** Dynamic import for client packages that are not dependencies yet (the service is not built yet). */
function optional(specifier: string): () => Promise<ClientModule> {
  return async () => {
    try {
      return (await import(/* @vite-ignore */ specifier)) as ClientModule;
    } catch (error) {
      throw new DriverError(`${specifier} is not installed: add it to conformance/package.json (${(error as Error).message})`);
    }
  };
}

export const SDK_CLIENTS: Readonly<Record<string, SdkClientInfo>> = {
  sqs: { clientClass: "SQSClient", load: () => import("@aws-sdk/client-sqs") as Promise<ClientModule> },
  sns: { clientClass: "SNSClient", load: () => import("@aws-sdk/client-sns") as Promise<ClientModule> },
  lambda: { clientClass: "LambdaClient", load: () => import("@aws-sdk/client-lambda") as Promise<ClientModule> },
  kinesis: { clientClass: "KinesisClient", load: optional("@aws-sdk/client-kinesis") },
  events: { clientClass: "EventBridgeClient", load: optional("@aws-sdk/client-eventbridge") },
  scheduler: { clientClass: "SchedulerClient", load: optional("@aws-sdk/client-scheduler") },
  sfn: { clientClass: "SFNClient", load: optional("@aws-sdk/client-sfn") },
  stepfunctions: { clientClass: "SFNClient", load: optional("@aws-sdk/client-sfn") },
};

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
}

/** The SDK exception name for an error thrown by a native service method: an AwsError's `code` is that name. */
export function nativeErrorName(_service: string, error: unknown): string {
  if (error === null || typeof error !== "object") return typeof error;
  const { code, name } = error as ErrorLike;
  if (typeof code === "string") return code;
  return typeof name === "string" ? name : "Error";
}

export function camelCase(command: string): string {
  return command.charAt(0).toLowerCase() + command.slice(1);
}

function cloudMember(cloud: Cloud, name: string): unknown {
  return (cloud as unknown as Record<string, unknown>)[name];
}

/** Whether the cloud has the service (the engineers wire services into createCloud one by one). */
export function hasService(cloud: Cloud, service: string): boolean {
  const property = NATIVE_SERVICES[service];
  const value = property === undefined ? undefined : cloudMember(cloud, property);
  return value !== null && typeof value === "object";
}

export function hasClientConfig(cloud: Cloud): boolean {
  return typeof cloudMember(cloud, "clientConfig") === "function";
}

export function createNativeDriver(cloud: Cloud): Driver {
  return {
    kind: "native",
    async call(service, command, input) {
      const property = NATIVE_SERVICES[service];
      const target = property === undefined ? undefined : cloudMember(cloud, property);
      if (target === null || typeof target !== "object") throw new DriverError(`cloud.${property ?? service} does not exist (service ${JSON.stringify(service)} is not wired into createCloud)`);
      const method = camelCase(command);
      const fn: unknown = (target as Record<string, unknown>)[method];
      if (typeof fn !== "function") throw new DriverError(`cloud.${property}.${method} does not exist (command ${command} is not implemented)`);
      return await (fn as (input: unknown) => unknown).call(target, input ?? {});
    },
    errorName: nativeErrorName,
    dispose() {},
  };
}

interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}
type Constructor<T> = new (argument: unknown) => T;

interface MiddlewareCommand {
  readonly middlewareStack: {
    add(middleware: (next: (args: { request: unknown }) => Promise<unknown>) => (args: { request: unknown }) => Promise<unknown>, options: { step: "build"; name: string }): void;
  };
}

export function createSdkDriver(cloud: Cloud): Driver {
  const clientConfig = cloudMember(cloud, "clientConfig");
  if (typeof clientConfig !== "function") throw new DriverError("cloud.clientConfig() does not exist: the SDK adapter is not wired yet");
  const clients = new Map<string, Promise<{ client: SdkClient; module: ClientModule }>>();
  const clientFor = (service: string) => {
    let entry = clients.get(service);
    if (entry === undefined) {
      const info = SDK_CLIENTS[service];
      if (info === undefined) throw new DriverError(`no SDK client is known for service ${JSON.stringify(service)}`);
      entry = info.load().then((module) => {
        const Client = module[info.clientClass] as Constructor<SdkClient> | undefined;
        if (typeof Client !== "function") throw new DriverError(`${info.clientClass} is missing from its package`);
        const config = (clientConfig as () => Record<string, unknown>).call(cloud);
        return { client: new Client({ ...config, maxAttempts: 1 }), module };
      });
      clients.set(service, entry);
    }
    return entry;
  };
  return {
    kind: "sdk",
    async call(service, command, input, headers) {
      const { client, module } = await clientFor(service);
      const Command = module[`${command}Command`] as Constructor<MiddlewareCommand> | undefined;
      if (typeof Command !== "function") throw new DriverError(`the ${service} SDK client has no ${command}Command`);
      const sent = new Command(input ?? {});
      if (headers !== undefined) {
        // As a recorded test's client hook did (botocore's before-send): extra headers on this request only.
        sent.middlewareStack.add(
          (next) => async (args) => {
            const request = args.request as { headers?: Record<string, string> };
            if (request.headers !== undefined) Object.assign(request.headers, headers);
            return next(args);
          },
          { step: "build", name: "conformanceHeaders" },
        );
      }
      return await client.send(sent);
    },
    errorName(_service, error) {
      if (error !== null && typeof error === "object" && typeof (error as ErrorLike).name === "string") return (error as { name: string }).name;
      return typeof error;
    },
    dispose() {
      for (const entry of clients.values()) {
        entry.then(({ client }) => client.destroy()).catch(() => undefined);
      }
      clients.clear();
    },
  };
}

export function createDriver(kind: DriverKind, cloud: Cloud): Driver {
  return kind === "sdk" ? createSdkDriver(cloud) : createNativeDriver(cloud);
}
