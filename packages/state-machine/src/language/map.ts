import type { Bindings } from "./bindings";
import type { MapState } from "./types";

export interface MapLimits {
  /** 0 = unbounded. */
  maxConcurrency: number;
  toleratedFailurePercentage?: number;
  toleratedFailureCount?: number;
}

/** The items a Map iterates (ItemsPath / Items, then ItemBatcher batches), from its effective input. */
export async function mapItems(state: MapState, input: unknown, b: Bindings): Promise<unknown[]> {
  void state; void input; void b;
  throw new Error("not yet");
}

/** One iteration's input: ItemSelector/Parameters with `$$.Map.Item` set in `b.context`, else the item. */
export async function mapItemInput(state: MapState, input: unknown, b: Bindings): Promise<unknown> {
  void state; void input; void b;
  throw new Error("not yet");
}

/** MaxConcurrency(Path) and ToleratedFailure*(Path). */
export async function mapLimits(state: MapState, input: unknown, b: Bindings): Promise<MapLimits> {
  void state; void input; void b;
  throw new Error("not yet");
}
