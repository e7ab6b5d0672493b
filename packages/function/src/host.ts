import type { RandomStream } from "@simcloud/clock";
import type { ResourceTable, SimContext } from "@simcloud/core";
import type { LambdaFunction } from "./function";

/** A function found by name or ARN, with the alias or version the caller named (undefined: none). */
export interface FoundFunction {
  fn: LambdaFunction;
  qualifier: string | undefined;
}

/** What the action modules (aliases, event invoke config, concurrency, invoke) share with the service factory. */
export interface ServiceHost {
  readonly ctx: SimContext;
  readonly scope: { readonly region: string; readonly accountId: string };
  readonly functions: Pick<ResourceTable<LambdaFunction>, "has" | "find" | "values" | "size">;
  /** The seeded stream weighted aliases draw from. */
  readonly routing: RandomStream;
  /** The function a name, partial or full ARN names, or this service's ResourceNotFoundException (`invoke`: Invoke's name pattern). */
  find(text: unknown, qualifier?: string, invoke?: boolean): FoundFunction;
  /** A fresh RevisionId. */
  revision(): string;
}
