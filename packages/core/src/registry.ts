import type { AnyPort, PortKind, PortsByKind } from "./ports";

export interface Resolved<K extends PortKind> {
  port: PortsByKind[K];
  /** For a qualified ARN (`…:function:name:alias`), the part after the registered ARN. */
  qualifier: string | undefined;
}

/**
 * ARN → port. Services register what they own and resolve what they deliver to; nothing else connects
 * them. Delivering to an ARN nobody registered is the caller's to handle (AWS drops such deliveries).
 */
export class Registry {
  private readonly ports = new Map<string, AnyPort>();

  register(port: AnyPort): void {
    const existing = this.ports.get(port.arn);
    if (existing !== undefined && existing !== port) throw new Error(`Registry already holds a ${existing.kind} at ${port.arn}`);
    this.ports.set(port.arn, port);
  }

  unregister(arn: string): void {
    this.ports.delete(arn);
  }

  resolve<K extends PortKind>(kind: K, arn: string): Resolved<K> | undefined {
    const exact = this.ports.get(arn);
    if (exact !== undefined) return exact.kind === kind ? { port: exact as PortsByKind[K], qualifier: undefined } : undefined;
    const cut = arn.lastIndexOf(":");
    if (cut < 0) return undefined;
    const base = this.ports.get(arn.slice(0, cut));
    if (base === undefined || base.kind !== kind || kind !== "function") return undefined;
    return { port: base as PortsByKind[K], qualifier: arn.slice(cut + 1) };
  }

  has(arn: string): boolean {
    return this.ports.has(arn);
  }

  list<K extends PortKind>(kind: K): PortsByKind[K][] {
    return [...this.ports.values()].filter((port): port is PortsByKind[K] => port.kind === kind);
  }
}
