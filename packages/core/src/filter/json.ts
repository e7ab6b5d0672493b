/**
 * A small JSON reader for filter patterns and event text. It exists because JSON.parse loses what
 * matching needs: a number's spelling (event-ruler matches `[300]` literally as well as numerically, and
 * `3.0e2` differs from `300` as text) and it creates objects whose `__proto__` key could be mistaken
 * for an inherited property. Objects come back with a null prototype; numbers as NumberText.
 */

/** A JSON number with the exact text it was written with. */
export class NumberText {
  constructor(
    readonly text: string,
    readonly value: number,
  ) {}
}

export type JsonScalar = string | boolean | null | NumberText;
export type JsonValue = JsonScalar | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export class JsonSyntaxError extends Error {
  override readonly name = "JsonSyntaxError";
}

/** Nesting deeper than this is refused rather than risking the call stack. */
export const MAX_JSON_DEPTH = 1000;

export function parseJson(text: string): JsonValue {
  const reader = new Reader(text);
  reader.space();
  const value = reader.value(0);
  reader.space();
  if (reader.at < text.length) reader.fail("Unexpected character after the JSON value");
  return value;
}

const NUMBER_SHAPE = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new JsonSyntaxError(`${message} at position ${this.at}`);
  }

  space(): void {
    const text = this.text;
    while (this.at < text.length) {
      const c = text.charCodeAt(this.at);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.at++;
      else break;
    }
  }

  value(depth: number): JsonValue {
    if (depth > MAX_JSON_DEPTH) this.fail("JSON nested too deeply");
    const c = this.text[this.at];
    if (c === "{") return this.object(depth);
    if (c === "[") return this.array(depth);
    if (c === '"') return this.string();
    if (c === "t") return this.word("true", true);
    if (c === "f") return this.word("false", false);
    if (c === "n") return this.word("null", null);
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    return this.fail(c === undefined ? "Unexpected end of input" : `Unexpected character '${c}'`);
  }

  private word<T extends boolean | null>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.at)) this.fail("Unrecognized token");
    this.at += word.length;
    return value;
  }

  private number(): NumberText {
    // The anchored regex runs on a slice that starts at the number; its grammar has no nested quantifiers.
    const match = NUMBER_SHAPE.exec(this.text.slice(this.at, this.at + 1100));
    if (match === null) this.fail("Invalid number");
    const text = match[0];
    this.at += text.length;
    return new NumberText(text, Number(text));
  }

  private string(): string {
    const text = this.text;
    this.at++;
    let out = "";
    let start = this.at;
    for (;;) {
      if (this.at >= text.length) this.fail("Unterminated string");
      const c = text.charCodeAt(this.at);
      if (c === 0x22) {
        out += text.slice(start, this.at);
        this.at++;
        return out;
      }
      if (c < 0x20) this.fail("Control character in string");
      if (c !== 0x5c) {
        this.at++;
        continue;
      }
      out += text.slice(start, this.at);
      const e = text[this.at + 1];
      this.at += 2;
      switch (e) {
        case '"': out += '"'; break;
        case "\\": out += "\\"; break;
        case "/": out += "/"; break;
        case "b": out += "\b"; break;
        case "f": out += "\f"; break;
        case "n": out += "\n"; break;
        case "r": out += "\r"; break;
        case "t": out += "\t"; break;
        case "u": {
          const hex = text.slice(this.at, this.at + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("Invalid unicode escape");
          out += String.fromCharCode(parseInt(hex, 16));
          this.at += 4;
          break;
        }
        default:
          this.at -= 1;
          this.fail("Invalid escape");
      }
      start = this.at;
    }
  }

  private array(depth: number): JsonValue[] {
    this.at++;
    const out: JsonValue[] = [];
    this.space();
    if (this.text[this.at] === "]") {
      this.at++;
      return out;
    }
    for (;;) {
      this.space();
      out.push(this.value(depth + 1));
      this.space();
      const c = this.text[this.at];
      this.at++;
      if (c === "]") return out;
      if (c !== ",") {
        this.at--;
        this.fail("Expected ',' or ']'");
      }
    }
  }

  private object(depth: number): JsonObject {
    this.at++;
    const out = Object.create(null) as JsonObject;
    this.space();
    if (this.text[this.at] === "}") {
      this.at++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail("Expected a field name");
      const key = this.string();
      this.space();
      if (this.text[this.at] !== ":") this.fail("Expected ':'");
      this.at++;
      this.space();
      // Assignment on a null-prototype object: "__proto__" becomes an ordinary own key.
      out[key] = this.value(depth + 1);
      this.space();
      const c = this.text[this.at];
      this.at++;
      if (c === "}") return out;
      if (c !== ",") {
        this.at--;
        this.fail("Expected ',' or '}'");
      }
    }
  }
}

/** Plain data objects only: arrays, NumberText and class instances such as Date or Map are not records. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof NumberText) return false;
  return true;
}
