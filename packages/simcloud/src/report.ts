import type { TraceEvent } from "@simcloud/core";
import { buildDiagram, diagramToMermaid, stamp, summarize, type Diagram } from "./timeline";

/**
 * One self-contained HTML page for a scenario: the sequence diagram drawn as inline SVG (no script, no network),
 * the Mermaid source beside it, and the full timeline as a table.
 */

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

const COLUMN = 170;
const ROW = 30;
const HEAD = 46;

/** A sequence diagram in SVG: one lifeline per participant, one row per step. */
export function diagramToSvg(diagram: Diagram, start: number): string {
  const { participants, steps } = diagram;
  const width = Math.max(1, participants.length) * COLUMN + 90;
  const height = HEAD + (steps.length + 1) * ROW + HEAD;
  const x = (participant: string): number => 90 + participants.indexOf(participant) * COLUMN + COLUMN / 2;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker>`,
    `<marker id="arrow-failed" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c62828"/></marker></defs>`,
  ];
  for (const participant of participants) {
    const cx = x(participant);
    out.push(`<line x1="${cx}" y1="${HEAD}" x2="${cx}" y2="${height - 8}" stroke="#bbb" stroke-dasharray="4 3"/>`);
    out.push(`<rect x="${cx - 75}" y="8" width="150" height="30" rx="5" fill="#e8f0fe" stroke="#4a6fa5"/>`);
    out.push(`<text x="${cx}" y="27" text-anchor="middle" font-weight="600">${escape(participant)}</text>`);
  }
  steps.forEach((step, index) => {
    const y = HEAD + (index + 1) * ROW;
    const color = step.failed ? "#c62828" : "#333";
    out.push(`<text x="8" y="${y + 4}" fill="#777">${escape(stamp(step.time, start, true))}</text>`);
    if (step.kind === "note" || step.from === step.to) {
      const cx = x(step.from);
      out.push(`<rect x="${cx - 78}" y="${y - 11}" width="156" height="20" fill="${step.failed ? "#fdecea" : "#fff8dc"}" stroke="${color}"/>`);
      out.push(`<text x="${cx}" y="${y + 3}" text-anchor="middle" fill="${color}">${escape(step.text)}</text>`);
      return;
    }
    const x1 = x(step.from);
    const x2 = x(step.to);
    const dash = step.dashed ? ` stroke-dasharray="5 3"` : "";
    out.push(`<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="${color}"${dash} marker-end="url(#${step.failed ? "arrow-failed" : "arrow"})"/>`);
    out.push(`<text x="${(x1 + x2) / 2}" y="${y - 5}" text-anchor="middle" fill="${color}">${escape(step.text)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}

export interface ReportOptions {
  title?: string;
  start?: number;
}

export function renderReport(events: readonly TraceEvent[], options: ReportOptions = {}): string {
  const start = options.start ?? events[0]?.time ?? 0;
  const title = options.title ?? "simcloud scenario";
  const diagram = buildDiagram(events);
  const rows = events
    .map((event) => {
      const failed = /failed|dlq|dead-letter|throttled|dropped|discarded/.test(event.type) || ("functionError" in event && event.functionError !== undefined);
      return `<tr${failed ? ` class="failed"` : ""}><td>${escape(stamp(event.time, start, true))}</td><td>${escape(event.type)}</td><td>${escape(summarize(event, 120))}</td></tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;font-size:12px}td{padding:3px 10px;border-bottom:1px solid #eee;vertical-align:top}
td:first-child{color:#777;white-space:nowrap;font-family:ui-monospace,monospace}td:nth-child(2){font-family:ui-monospace,monospace;white-space:nowrap}
tr.failed td{color:#c62828}
pre{background:#f6f8fa;padding:12px;font-size:12px;overflow:auto}
.diagram{overflow:auto;border:1px solid #ddd;padding:8px}
</style></head><body>
<h1>${escape(title)}</h1>
<p>${events.length} trace events, ${escape(stamp(events.at(-1)?.time ?? start, start, true))} of virtual time from ${escape(new Date(start).toISOString())}.</p>
<h2>Sequence</h2>
<div class="diagram">${diagramToSvg(diagram, start)}</div>
<details><summary>Mermaid source</summary><pre>${escape(diagramToMermaid(diagram, start))}</pre></details>
<h2>Timeline</h2>
<table>
${rows}
</table>
</body></html>
`;
}
