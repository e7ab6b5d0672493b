import type { PathStep } from "./execution";
import type { Definition, StateDefinition, SubMachine } from "./language/index";
import type { ExecutionStatus } from "./types";

/** Mermaid label text: quotes and brackets would end the label early. */
function label(text: string): string {
  return text.replace(/["[\](){}<>|#]/g, (c) => `#${c.charCodeAt(0)};`);
}

function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

interface Annotations {
  /** Nesting prefix + state name → what happened there. */
  readonly steps: Map<string, PathStep[]>;
}

class Chart {
  readonly lines: string[] = ["flowchart TD"];
  private count = 0;
  readonly taken: string[] = [];
  readonly failed: string[] = [];
  readonly caught: string[] = [];

  id(): string {
    return `n${this.count++}`;
  }
}

function shape(id: string, state: StateDefinition, text: string): string {
  switch (state.Type) {
    case "Choice":
      return `${id}{"${text}"}`;
    case "Succeed":
    case "Fail":
      return `${id}(["${text}"])`;
    case "Wait":
      return `${id}[/"${text}"/]`;
    default:
      return `${id}["${text}"]`;
  }
}

function draw(chart: Chart, graph: Definition | SubMachine, prefix: string, notes: Annotations | undefined, indent: string): { start: string; ends: string[] } {
  const ids = new Map<string, string>();
  for (const name of Object.keys(graph.States)) ids.set(name, chart.id());
  const ends: string[] = [];
  for (const [name, state] of Object.entries(graph.States)) {
    const id = ids.get(name)!;
    const steps = notes?.steps.get(`${prefix}${name}`) ?? [];
    let text = `${label(name)}<br/><small>${state.Type}</small>`;
    if (steps.length > 0) {
      const spent = steps.reduce((sum, step) => sum + ((step.exitedAt ?? step.enteredAt) - step.enteredAt), 0);
      const retries = steps.reduce((sum, step) => sum + step.retries, 0);
      text += `<br/>${steps.length > 1 ? `${steps.length}× ` : ""}${duration(spent)}${retries > 0 ? ` ↻${retries}` : ""}`;
      const errored = steps.find((step) => step.error !== undefined && step.caught === undefined);
      if (errored !== undefined) {
        text += `<br/>${label(errored.error ?? "")}`;
        chart.failed.push(id);
      } else chart.taken.push(id);
      if (steps.some((step) => step.caught !== undefined)) chart.caught.push(id);
    }
    if (state.Type === "Parallel" || state.Type === "Map") {
      chart.lines.push(`${indent}subgraph ${id}_box["${text}"]`);
      chart.lines.push(`${indent}  direction TB`);
      chart.lines.push(`${indent}  ${id}(( ))`);
      const branches = state.Type === "Parallel" ? state.Branches : [state.ItemProcessor ?? state.Iterator].filter((b): b is SubMachine => b !== undefined);
      branches.forEach((branch, index) => {
        // A path's nesting prefix is "Name[i]/" per branch or iteration; Map iterations all draw on one sub-graph.
        const inner: Annotations | undefined = notes === undefined ? undefined : { steps: collapse(notes.steps, `${prefix}${name}[`, state.Type === "Map" ? undefined : index, `${prefix}${name}[${index}]/`) };
        const sub = draw(chart, branch, `${prefix}${name}[${index}]/`, inner, `${indent}  `);
        chart.lines.push(`${indent}  ${id} --> ${sub.start}`);
      });
      chart.lines.push(`${indent}end`);
    } else {
      chart.lines.push(`${indent}${shape(id, state, text)}`);
    }
    const next = state.Next;
    if (next !== undefined && ids.has(next)) chart.lines.push(`${indent}${id} --> ${ids.get(next)}`);
    if (state.Type === "Choice") {
      state.Choices.forEach((rule, index) => {
        if (rule.Next !== undefined && ids.has(rule.Next)) chart.lines.push(`${indent}${id} -->|"rule ${index + 1}"| ${ids.get(rule.Next)}`);
      });
      if (state.Default !== undefined && ids.has(state.Default)) chart.lines.push(`${indent}${id} -->|Default| ${ids.get(state.Default)}`);
    }
    const catchers = "Catch" in state && Array.isArray(state.Catch) ? state.Catch : [];
    for (const catcher of catchers) {
      if (ids.has(catcher.Next)) chart.lines.push(`${indent}${id} -.->|"catch ${label(catcher.ErrorEquals.join(", "))}"| ${ids.get(catcher.Next)}`);
    }
    if (state.End === true || state.Type === "Succeed" || state.Type === "Fail") ends.push(id);
  }
  return { start: ids.get(graph.StartAt)!, ends };
}

/** Re-keys the steps of one branch (or of every Map iteration) to that branch's own prefix. */
function collapse(steps: Map<string, PathStep[]>, head: string, branch: number | undefined, into: string): Map<string, PathStep[]> {
  const out = new Map<string, PathStep[]>(steps);
  for (const [key, list] of steps) {
    if (!key.startsWith(head)) continue;
    const close = key.indexOf("]/", head.length);
    const index = Number(key.slice(head.length, close));
    if (branch !== undefined && index !== branch) continue;
    const rest = key.slice(close + 2);
    out.set(`${into}${rest}`, [...(branch === undefined && out.has(`${into}${rest}`) && index !== 0 ? out.get(`${into}${rest}`)! : []), ...list]);
  }
  return out;
}

function finish(chart: Chart, graph: Definition, notes: Annotations | undefined, status?: ExecutionStatus): string {
  const start = chart.id();
  const end = chart.id();
  chart.lines.splice(1, 0, `  ${start}(((Start)))`);
  const drawn = draw(chart, graph, "", notes, "  ");
  chart.lines.push(`  ${end}(((${status === undefined ? "End" : status})))`);
  chart.lines.push(`  ${start} --> ${drawn.start}`);
  for (const id of drawn.ends) chart.lines.push(`  ${id} --> ${end}`);
  if (notes !== undefined) {
    chart.lines.push("  classDef taken fill:#d4f7d4,stroke:#2e7d32,stroke-width:2px");
    chart.lines.push("  classDef failed fill:#fddede,stroke:#c62828,stroke-width:2px");
    chart.lines.push("  classDef caught stroke-dasharray: 4 2");
    if (chart.taken.length > 0) chart.lines.push(`  class ${chart.taken.join(",")} taken`);
    if (chart.failed.length > 0) chart.lines.push(`  class ${chart.failed.join(",")} failed`);
    if (chart.caught.length > 0) chart.lines.push(`  class ${chart.caught.join(",")} caught`);
  }
  return `${chart.lines.join("\n")}\n`;
}

/** A definition as a Mermaid flowchart: Choice rules, Defaults and Catch edges labelled, Parallel/Map as sub-graphs. */
export function renderDefinition(definition: Definition): string {
  return finish(new Chart(), definition, undefined);
}

/** The definition with an execution's path drawn on it: states taken highlighted with their virtual durations and retries. */
export function renderExecution(definition: Definition, path: readonly PathStep[], status: ExecutionStatus): string {
  const steps = new Map<string, PathStep[]>();
  for (const step of path) steps.set(`${step.scope}${step.state}`, [...(steps.get(`${step.scope}${step.state}`) ?? []), step]);
  return finish(new Chart(), definition, { steps }, status);
}
