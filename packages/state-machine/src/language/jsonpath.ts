/**
 * A JSONPath evaluator in the dialect Step Functions accepts (the "Paths" section of the ASL
 * spec, Jayway semantics): `$`, `$$` (context object), `$name` (workflow variable), `.name`,
 * `['name']`, `[n]` (negative counts from the end), `[*]`, `.*`, `[a:b:c]` slices, `[a,b]`
 * unions, `..` deep scan, `[?(@.x > 1)]` filters and `[(@.length-1)]`.
 *
 * Nothing is ever executed: filters are parsed into a small comparison tree. Each segment
 * visits each node once (deep scan visits each descendant once), so evaluation is linear in
 * the data times the path length. Keys are read with own-property checks only, so
 * `__proto__` and `constructor` are ordinary data.
 */
import { StatesError } from "./errors";

/** A path that cannot be parsed or selects nothing. `missing` carries Jayway's wording. */
export class PathError extends Error {
  constructor(
    message: string,
    readonly kind: "syntax" | "missing",
  ) {
    super(message);
    this.name = "PathError";
  }
}

type Key = string | number;
type Segment =
  | { t: "name"; name: string }
  | { t: "index"; index: number }
  | { t: "wild" }
  | { t: "slice"; start?: number; end?: number; step?: number }
  | { t: "union"; keys: Key[] }
  | { t: "filter"; expr: Expr }
  | { t: "last"; offset: number }
  | { t: "deep"; inner: Segment };

type Expr =
  | { t: "lit"; value: unknown }
  | { t: "path"; rel: boolean; segs: Segment[] }
  | { t: "not"; e: Expr }
  | { t: "and" | "or"; a: Expr; b: Expr }
  | { t: "cmp"; op: string; a: Expr; b: Expr };

export type Root = { kind: "input" } | { kind: "context" } | { kind: "variable"; name: string };

export interface ParsedPath {
  text: string;
  root: Root;
  segments: Segment[];
  /** A definite path selects at most one node (no wildcard, slice, union, filter or deep scan). */
  definite: boolean;
}

const cache = new Map<string, ParsedPath>();
const identStart = /[A-Za-z_]/;

/** Parses a path (cached). Throws PathError("syntax") on anything outside the dialect. */
export function parsePath(text: string): ParsedPath {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const parser = new Parser(text);
  const parsed = parser.parsePath();
  if (cache.size > 5000) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

/** Whether `text` is a syntactically valid path. */
export function isValidPath(text: string): boolean {
  try {
    parsePath(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A reference path (ResultPath, ASL "Reference Paths"): only `.name`, `['name']` and `[n]`
 * segments from `$`.
 */
export function isReferencePath(text: string): boolean {
  try {
    const p = parsePath(text);
    return p.root.kind === "input" && p.segments.every((s) => s.t === "name" || (s.t === "index" && s.index >= 0));
  } catch {
    return false;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private fail(why: string): never {
    throw new PathError(`Invalid path '${this.s}': ${why}`, "syntax");
  }

  parsePath(): ParsedPath {
    const s = this.s;
    if (s[0] !== "$") this.fail("must start with $");
    let root: Root;
    if (s[1] === "$") {
      root = { kind: "context" };
      this.i = 2;
    } else if (s[1] !== undefined && identStart.test(s[1])) {
      this.i = 1;
      root = { kind: "variable", name: this.ident() };
    } else {
      root = { kind: "input" };
      this.i = 1;
    }
    const segments = this.segments(false);
    if (this.i !== s.length) this.fail(`unexpected '${s[this.i]}'`);
    const definite = segments.every((x) => x.t === "name" || x.t === "index" || x.t === "last");
    return { text: s, root, segments, definite };
  }

  private ident(): string {
    const start = this.i;
    while (this.i < this.s.length && /[^.[\]()\s,=<>!&|'"@$*?:]/.test(this.s[this.i] as string)) this.i++;
    if (this.i === start) this.fail("expected a name");
    return this.s.slice(start, this.i);
  }

  private segments(inFilter: boolean): Segment[] {
    const out: Segment[] = [];
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ".") {
        if (s[this.i + 1] === ".") {
          this.i += 2;
          if (s[this.i] === "[") out.push({ t: "deep", inner: this.bracket() });
          else if (s[this.i] === "*") {
            this.i++;
            out.push({ t: "deep", inner: { t: "wild" } });
          } else out.push({ t: "deep", inner: { t: "name", name: this.ident() } });
          continue;
        }
        this.i++;
        if (s[this.i] === "*") {
          this.i++;
          out.push({ t: "wild" });
        } else out.push({ t: "name", name: this.ident() });
      } else if (c === "[") {
        out.push(this.bracket());
      } else if (inFilter) {
        break;
      } else {
        this.fail(`unexpected '${c}'`);
      }
    }
    return out;
  }

  private skipSpaces(): void {
    while (this.s[this.i] === " ") this.i++;
  }

  private quoted(): string {
    const q = this.s[this.i];
    this.i++;
    let out = "";
    while (this.i < this.s.length && this.s[this.i] !== q) {
      // Jayway: only an escaped quote (or backslash) is an escape; other backslashes are literal.
      if (this.s[this.i] === "\\" && (this.s[this.i + 1] === q || this.s[this.i + 1] === "\\")) this.i++;
      out += this.s[this.i];
      this.i++;
    }
    if (this.s[this.i] !== q) this.fail("unterminated string");
    this.i++;
    return out;
  }

  private int(): number | undefined {
    const m = /^-?\d+/.exec(this.s.slice(this.i, this.i + 20));
    if (m === null) return undefined;
    this.i += m[0].length;
    return Number(m[0]);
  }

  private bracket(): Segment {
    this.i++; // [
    this.skipSpaces();
    const s = this.s;
    let seg: Segment;
    if (s[this.i] === "*") {
      this.i++;
      seg = { t: "wild" };
    } else if (s[this.i] === "?") {
      this.i++;
      this.skipSpaces();
      if (s[this.i] !== "(") this.fail("expected ( after ?");
      this.i++;
      const expr = this.orExpr();
      this.skipSpaces();
      if (s[this.i] !== ")") this.fail("expected )");
      this.i++;
      seg = { t: "filter", expr };
    } else if (s[this.i] === "(") {
      const m = /^\(\s*@\.length\s*-\s*(\d+)\s*\)/.exec(s.slice(this.i));
      if (m === null) this.fail("unsupported script expression");
      this.i += m[0].length;
      seg = { t: "last", offset: Number(m[1]) };
    } else {
      const keys: Key[] = [];
      let slice: { start?: number; end?: number; step?: number } | undefined;
      for (;;) {
        this.skipSpaces();
        if (s[this.i] === "'" || s[this.i] === '"') keys.push(this.quoted());
        else {
          const n = this.int();
          if (s[this.i] === ":") {
            const parts: (number | undefined)[] = [n];
            while (s[this.i] === ":") {
              this.i++;
              this.skipSpaces();
              parts.push(this.int());
            }
            if (parts.length > 3) this.fail("bad slice");
            slice = { start: parts[0], end: parts[1], step: parts[2] };
            break;
          }
          if (n === undefined) this.fail("expected index, name or slice");
          keys.push(n);
        }
        this.skipSpaces();
        if (s[this.i] === ",") {
          this.i++;
          continue;
        }
        break;
      }
      if (slice !== undefined) {
        if (keys.length > 0) this.fail("bad slice");
        if (slice.step === 0) this.fail("slice step cannot be zero");
        seg = { t: "slice", ...slice };
      } else if (keys.length === 1) {
        const k = keys[0] as Key;
        seg = typeof k === "number" ? { t: "index", index: k } : { t: "name", name: k };
      } else seg = { t: "union", keys };
    }
    this.skipSpaces();
    if (s[this.i] !== "]") this.fail("expected ]");
    this.i++;
    return seg;
  }

  private orExpr(): Expr {
    let a = this.andExpr();
    for (;;) {
      this.skipSpaces();
      if (this.s.startsWith("||", this.i)) {
        this.i += 2;
        a = { t: "or", a, b: this.andExpr() };
      } else return a;
    }
  }

  private andExpr(): Expr {
    let a = this.unary();
    for (;;) {
      this.skipSpaces();
      if (this.s.startsWith("&&", this.i)) {
        this.i += 2;
        a = { t: "and", a, b: this.unary() };
      } else return a;
    }
  }

  private unary(): Expr {
    this.skipSpaces();
    if (this.s[this.i] === "!" && this.s[this.i + 1] !== "=") {
      this.i++;
      return { t: "not", e: this.unary() };
    }
    if (this.s[this.i] === "(") {
      this.i++;
      const e = this.orExpr();
      this.skipSpaces();
      if (this.s[this.i] !== ")") this.fail("expected )");
      this.i++;
      return e;
    }
    const a = this.operand();
    this.skipSpaces();
    const m = /^(==|!=|<=|>=|<|>)/.exec(this.s.slice(this.i, this.i + 2));
    if (m === null) return a;
    this.i += (m[1] as string).length;
    return { t: "cmp", op: m[1] as string, a, b: this.operand() };
  }

  private operand(): Expr {
    this.skipSpaces();
    const s = this.s;
    const c = s[this.i];
    if (c === "@" || c === "$") {
      this.i++;
      return { t: "path", rel: c === "@", segs: this.segments(true) };
    }
    if (c === "'" || c === '"') return { t: "lit", value: this.quoted() };
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(s.slice(this.i, this.i + 40));
    if (m === null) this.fail("bad filter operand");
    this.i += (m[0] as string).length;
    return { t: "lit", value: JSON.parse(m[0] as string) as unknown };
  }
}

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function step(nodes: unknown[], seg: Segment, root: unknown, out: unknown[]): void {
  for (const node of nodes) {
    switch (seg.t) {
      case "name":
        if (isObject(node) && own(node, seg.name)) out.push(node[seg.name]);
        break;
      case "index":
        if (Array.isArray(node)) {
          const i = seg.index < 0 ? node.length + seg.index : seg.index;
          if (i >= 0 && i < node.length) out.push(node[i]);
        }
        break;
      case "last":
        if (Array.isArray(node)) {
          const i = node.length - seg.offset;
          if (i >= 0 && i < node.length) out.push(node[i]);
        }
        break;
      case "wild":
        if (Array.isArray(node)) out.push(...node);
        else if (isObject(node)) for (const k of Object.keys(node)) out.push(node[k]);
        break;
      case "union":
        for (const k of seg.keys) step([node], typeof k === "number" ? { t: "index", index: k } : { t: "name", name: k }, root, out);
        break;
      case "slice":
        if (Array.isArray(node)) {
          const len = node.length;
          const stepBy = seg.step ?? 1;
          const norm = (v: number | undefined, dflt: number): number => (v === undefined ? dflt : v < 0 ? Math.max(len + v, stepBy < 0 ? -1 : 0) : Math.min(v, len));
          if (stepBy > 0) for (let i = norm(seg.start, 0); i < norm(seg.end, len); i += stepBy) out.push(node[i]);
          else for (let i = norm(seg.start, len - 1); i > norm(seg.end, -1); i += stepBy) if (i < len) out.push(node[i]);
        }
        break;
      case "filter": {
        const children = Array.isArray(node) ? node : isObject(node) ? Object.keys(node).map((k) => node[k]) : [];
        for (const child of children) if (truthy(evalExpr(seg.expr, child, root))) out.push(child);
        break;
      }
      case "deep": {
        // Iterative pre-order walk: each descendant visited once. Chained deep scans
        // ($..a..b) revisit subtrees, so the whole evaluation has a visit budget.
        const stack: unknown[] = [node];
        while (stack.length > 0) {
          if (++visits > MAX_VISITS) throw BUDGET;
          const n = stack.pop();
          step([n], seg.inner, root, out);
          const kids = Array.isArray(n) ? n : isObject(n) ? Object.keys(n).map((k) => n[k]) : [];
          for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
        }
        break;
      }
    }
  }
}

const MISSING = Symbol("missing");
const MAX_VISITS = 2_000_000;
let visits = 0;
// An absolute path inside a filter ($..a[?(@.x == $.y)]) has one value per evaluation:
// computed once, not once per candidate node.
let absoluteCache = new Map<Expr, unknown>();

function evalExpr(e: Expr, current: unknown, root: unknown): unknown {
  switch (e.t) {
    case "lit":
      return e.value;
    case "path": {
      if (!e.rel && absoluteCache.has(e)) return absoluteCache.get(e);
      let nodes: unknown[] = [e.rel ? current : root];
      for (const seg of e.segs) {
        const next: unknown[] = [];
        step(nodes, seg, root, next);
        nodes = next;
      }
      const value = nodes.length === 0 ? MISSING : nodes[0];
      if (!e.rel) absoluteCache.set(e, value);
      return value;
    }
    case "not":
      return !truthy(evalExpr(e.e, current, root));
    case "and":
      return truthy(evalExpr(e.a, current, root)) && truthy(evalExpr(e.b, current, root));
    case "or":
      return truthy(evalExpr(e.a, current, root)) || truthy(evalExpr(e.b, current, root));
    case "cmp": {
      const a = evalExpr(e.a, current, root);
      const b = evalExpr(e.b, current, root);
      if (a === MISSING || b === MISSING) return e.op === "!=" && !(a === MISSING && b === MISSING);
      switch (e.op) {
        case "==":
          return deepEqual(a, b);
        case "!=":
          return !deepEqual(a, b);
      }
      if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) return false;
      const x = a as number | string;
      const y = b as number | string;
      return e.op === "<" ? x < y : e.op === "<=" ? x <= y : e.op === ">" ? x > y : x >= y;
    }
  }
}

function truthy(v: unknown): boolean {
  // In a filter, a bare path tests existence (Jayway): present → true, even when the value is false.
  if (v === MISSING) return false;
  return v !== false;
}

/** Structural JSON equality. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => own(bo, k) && deepEqual(ao[k], bo[k]));
}

/** Jayway's rendering of a path prefix in "No results for path: $['a']['b']". */
function renderPrefix(segs: Segment[]): string {
  let out = "$";
  for (const s of segs) {
    if (s.t === "name") out += `['${s.name}']`;
    else if (s.t === "index") out += `[${s.index}]`;
    else if (s.t === "last") out += `[(@.length-${s.offset})]`;
  }
  return out;
}

/**
 * Evaluates a parsed path against the root value. Definite paths return the one node or
 * throw PathError("missing") with Jayway's message; indefinite paths return an array of
 * matches (possibly empty).
 */
export function selectParsed(p: ParsedPath, rootValue: unknown): unknown {
  try {
    return selectWithin(p, rootValue);
  } catch (error) {
    if (error !== BUDGET) throw error;
    // Not a missing path: say that the evaluation was cut off, and why (a cause like "could not be found" misleads).
    throw new StatesError(
      "States.Runtime",
      `The JSONPath '${p.text}' was not evaluated: it visited more than ${MAX_VISITS.toLocaleString("en-US")} nodes of its input (its deep scans ('..') revisit the same subtrees). simcloud bounds path evaluation so that no path takes super-linear time; select fewer nodes, e.g. one deep scan instead of several.`,
    );
  }
}

/** The visit budget ran out (a sentinel: caught in selectParsed, never seen outside). */
const BUDGET = new Error("JSONPath visit budget exceeded");

function selectWithin(p: ParsedPath, rootValue: unknown): unknown {
  if (p.definite) {
    // Definite paths (name, index, last) select one node: walked directly, without the arrays `step` fills.
    let node = rootValue;
    for (let i = 0; i < p.segments.length; i++) {
      const seg = p.segments[i] as Segment;
      const next = definiteStep(node, seg);
      if (next === MISSING) {
        const isLeaf = i === p.segments.length - 1;
        const message = isLeaf || seg.t !== "name" ? `No results for path: ${renderPrefix(p.segments.slice(0, i + 1))}` : `Missing property in path ${renderPrefix(p.segments.slice(0, i + 1))}`;
        throw new PathError(message, "missing");
      }
      node = next;
    }
    return node;
  }
  visits = 0;
  if (absoluteCache.size > 0) absoluteCache = new Map();
  let nodes: unknown[] = [rootValue];
  for (const seg of p.segments) {
    const next: unknown[] = [];
    step(nodes, seg, rootValue, next);
    nodes = next;
  }
  return nodes;
}

/** One definite segment (`name`, `index`, `last`) applied to one node: the child, or MISSING. */
function definiteStep(node: unknown, seg: Segment): unknown {
  if (seg.t === "name") return isObject(node) && own(node, seg.name) ? node[seg.name] : MISSING;
  if (!Array.isArray(node)) return MISSING;
  const i = seg.t === "index" ? (seg.index < 0 ? node.length + seg.index : seg.index) : seg.t === "last" ? node.length - seg.offset : -1;
  return i >= 0 && i < node.length ? node[i] : MISSING;
}

/** Where `$name` variables are read from (a workflow VariableScope). */
export interface VariableLookup {
  has(name: string): boolean;
  get(name: string): unknown;
}

/** Evaluates `path` against `$` = input, `$$` = context, `$name` = a variable: the executor's path, without building roots. */
export function evaluatePathIn(path: string, input: unknown, context: unknown, variables: VariableLookup): unknown {
  const p = parsePath(path);
  let rootValue: unknown;
  if (p.root.kind === "input") rootValue = input;
  else if (p.root.kind === "context") rootValue = context;
  else {
    if (!variables.has(p.root.name)) throw new PathError(`Undefined variable '${p.root.name}'`, "missing");
    rootValue = variables.get(p.root.name);
  }
  return selectParsed(p, rootValue);
}

/** Roots a path can start from. */
export interface PathRoots {
  input: unknown;
  context?: unknown;
  variable?: (name: string) => { found: boolean; value?: unknown };
}

/** Evaluates `path` (text) against the input, the context object or a variable. */
export function evaluatePath(path: string, roots: PathRoots | unknown): unknown {
  const p = parsePath(path);
  const r = isRoots(roots) ? roots : { input: roots };
  let rootValue: unknown;
  if (p.root.kind === "input") rootValue = r.input;
  else if (p.root.kind === "context") rootValue = r.context;
  else {
    const found = r.variable?.(p.root.name);
    if (found === undefined || !found.found) throw new PathError(`Undefined variable '${p.root.name}'`, "missing");
    rootValue = found.value;
  }
  return selectParsed(p, rootValue);
}

const rootsBrand = Symbol.for("simcloud.sfn.roots");
/** Marks an object as PathRoots (so a plain input object is never mistaken for roots). */
export function roots(r: PathRoots): PathRoots {
  return Object.assign(Object.create(null) as object, r, { [rootsBrand]: true }) as PathRoots;
}
function isRoots(v: unknown): v is PathRoots {
  return typeof v === "object" && v !== null && (v as Record<symbol, unknown>)[rootsBrand] === true;
}

/**
 * Writes `value` at a reference path inside a copy of `target` (ResultPath). Missing
 * objects on the way are created; a non-object on the way fails like AWS
 * ("Unable to apply ReferencePath $.a.b to input ...").
 */
export function setAtReferencePath(path: string, target: unknown, value: unknown): unknown {
  const p = parsePath(path);
  if (p.root.kind !== "input") throw new PathError(`Invalid reference path ${path}`, "syntax");
  if (p.segments.length === 0) return value;
  return writeAt(p, path, target, value, target, 0);
}

function writeAt(p: ParsedPath, path: string, target: unknown, value: unknown, node: unknown, i: number): unknown {
  const seg = p.segments[i] as Segment;
  const last = i === p.segments.length - 1;
  if (seg.t === "name") {
    let obj: Record<string, unknown>;
    if (node === undefined) obj = {};
    else if (isObject(node)) obj = { ...node };
    else throw new PathError(`Unable to apply ReferencePath ${path} to input ${JSON.stringify(target)}`, "missing");
    setData(obj, seg.name, last ? value : writeAt(p, path, target, value, own(obj, seg.name) ? obj[seg.name] : undefined, i + 1));
    return obj;
  }
  if (seg.t === "index") {
    if (!Array.isArray(node) || seg.index < 0 || seg.index >= node.length) throw new PathError(`Unable to apply ReferencePath ${path} to input ${JSON.stringify(target)}`, "missing");
    const arr = node.slice();
    arr[seg.index] = last ? value : writeAt(p, path, target, value, arr[seg.index], i + 1);
    return arr;
  }
  throw new PathError(`Invalid reference path ${path}`, "syntax");
}

/**
 * Sets `key` as an own data property of a plain object, `__proto__` included (an assignment would set the prototype).
 * Results are plain `{}` objects rather than null-prototype ones: V8 keeps those in dictionary mode, several times the
 * memory and slower to read and serialize, and every Pass and ResultPath builds one.
 */
export function setData(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}
