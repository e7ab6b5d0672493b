import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "./source-files";

/**
 * Determinism is a build rule (docs/contributing.md): inside the packages, time, randomness and ids come only from
 * ctx.clock / ctx.scheduler, ctx.random and ctx.ids. This scan fails when a package's source (tests excluded) reads
 * one of the ambient sources below. Comments and string contents are ignored.
 */
const FORBIDDEN: readonly { name: string; pattern: RegExp }[] = [
  { name: "Date.now", pattern: /\bDate\s*\.\s*now\b/ },
  { name: "performance.now", pattern: /\bperformance\s*\.\s*now\b/ },
  { name: "Math.random", pattern: /\bMath\s*\.\s*random\b/ },
  { name: "setTimeout", pattern: /\bsetTimeout\b/ },
  { name: "setInterval", pattern: /\bsetInterval\b/ },
  { name: "randomUUID", pattern: /\brandomUUID\b/ },
  { name: "new Date()", pattern: /\bnew\s+Date\s*\(\s*\)/ },
  { name: "nanoid()", pattern: /(?<![.\w$])nanoid\s*\(\s*\)/ },
];

/**
 * The only exceptions: the clock's system mode reads the global clock and timers at call time, so that fake timers
 * drive it (ARCHITECTURE.md, "Clock and scheduler"), and captures the native setTimeout at load for yielding.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  "clock/src/scheduler.ts": ["Date.now", "setTimeout"],
  "clock/src/native.ts": ["setTimeout"],
  // Reads the global setTimeout's `clock` mark to tell the user fake timers are installed; schedules nothing.
  "simcloud/src/fake-timers.ts": ["setTimeout"],
};

const packagesDir = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The code of a TypeScript source with comments and string/template text blanked (newlines kept, so line numbers
 * hold). Template substitutions stay code. A `/` starts a regex literal after an operator or an opening bracket.
 */
function codeOnly(source: string): string {
  let out = "";
  let i = 0;
  const braces: number[] = []; // open-brace depth at each template substitution being scanned
  let depth = 0;
  let last = ""; // last significant code character
  const blank = (from: number, to: number): string => source.slice(from, to).replace(/[^\n]/g, " ");
  const skipQuoted = (quote: string): void => {
    const start = i++;
    while (i < source.length && source[i] !== quote && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
    i++;
    out += blank(start, Math.min(i, source.length));
  };
  const skipTemplate = (): void => {
    // From just after "`" or "}" of a substitution: template text up to "${" (enter code) or "`" (end).
    const start = i;
    while (i < source.length) {
      if (source[i] === "\\") i += 2;
      else if (source[i] === "`") {
        i++;
        out += blank(start, i);
        last = "`";
        return;
      } else if (source[i] === "$" && source[i + 1] === "{") {
        out += blank(start, i);
        out += "${";
        i += 2;
        braces.push(depth);
        depth++;
        last = "{";
        return;
      } else i++;
    }
    out += blank(start, i);
  };
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end < 0 ? source.length : end;
      out += blank(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      skipQuoted(c);
      last = c;
    } else if (c === "`") {
      out += " ";
      i++;
      skipTemplate();
    } else if (c === "/" && (last === "" || "(,=:[!&|?{};+-*%<>~^".includes(last))) {
      // A regex literal: blank it up to its closing slash (outside a character class).
      const start = i++;
      let inClass = false;
      while (i < source.length && source[i] !== "\n") {
        const r = source[i];
        if (r === "\\") i += 2;
        else {
          i++;
          if (r === "[") inClass = true;
          else if (r === "]") inClass = false;
          else if (r === "/" && !inClass) break;
        }
      }
      out += blank(start, i);
      last = "/";
    } else {
      if (c === "{") depth++;
      else if (c === "}") {
        depth--;
        if (braces.length > 0 && depth === braces[braces.length - 1]) {
          braces.pop();
          out += " ";
          i++;
          skipTemplate();
          continue;
        }
      }
      out += c;
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  return out;
}

function findings(file: string, source: string): string[] {
  const allowed = ALLOWED[file] ?? [];
  const lines = codeOnly(source).split("\n");
  const out: string[] = [];
  lines.forEach((line, index) => {
    for (const { name, pattern } of FORBIDDEN) {
      if (pattern.test(line) && !allowed.includes(name)) out.push(`${file}:${index + 1}: ${name}`);
    }
  });
  return out;
}

describe("determinism source scan", () => {
  it("no package reads Date.now, Math.random, timers, randomUUID, new Date() or nanoid() outside the clock's system mode", () => {
    const all: string[] = [];
    for (const pkg of readdirSync(packagesDir)) {
      const src = join(packagesDir, pkg, "src");
      if (!statSync(join(packagesDir, pkg)).isDirectory()) continue;
      let files: string[];
      try {
        files = sourceFiles(src);
      } catch {
        continue;
      }
      for (const file of files) all.push(...findings(relative(packagesDir, file).split("\\").join("/"), readFileSync(file, "utf8")));
    }
    expect(all).toEqual([]);
  });

  it("scans real packages (the allow-list is used, so the scan is not vacuous)", () => {
    const scheduler = readFileSync(join(packagesDir, "clock/src/scheduler.ts"), "utf8");
    expect(findings("clock/src/other.ts", scheduler).length).toBeGreaterThan(0);
    expect(findings("clock/src/scheduler.ts", scheduler)).toEqual([]);
  });

  it("flags each ambient source in code, and nothing in comments, strings or regex literals", () => {
    const code = [
      "const a = Date.now();",
      "const b = Math.random();",
      "setTimeout(() => 1, 5);",
      "const c = crypto.randomUUID();",
      "const d = new Date();",
      "const e = nanoid();",
      "const f = `${Date.now()}`;",
      "const g = globalThis.setInterval;",
    ].join("\n");
    expect(findings("x/src/a.ts", code).map((f) => f.replace(/^x\/src\/a\.ts:/, ""))).toEqual([
      "1: Date.now",
      "2: Math.random",
      "3: setTimeout",
      "4: randomUUID",
      "5: new Date()",
      "6: nanoid()",
      "7: Date.now",
      "8: setInterval",
    ]);
    const harmless = [
      "// Date.now() would be wrong here",
      "/* Math.random() */ const x = new Date(0);",
      'const s = "setTimeout(" + \'new Date()\';',
      "const t = `text Math.random() ${'x'} more nanoid()`;",
      "const r = /Date.now\\/\"'`/g.test(s);",
      "const n = nanoid(21); const q = ids.nanoid(); const y = a / b / Date;",
    ].join("\n");
    expect(findings("x/src/b.ts", harmless)).toEqual([]);
  });
});
