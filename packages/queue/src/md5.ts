import { createHash, hash } from "node:crypto";
import type { MessageAttributeMap, MessageAttributeValue } from "@simcloud/core";

/**
 * Hex MD5 of the UTF-8 body: what the SDK compares MD5OfMessageBody/MD5OfBody against. One-shot `crypto.hash`
 * (Node ≥ 20.12): computed once per send, and no Hash object to build.
 */
export function md5OfBody(body: string): string {
  return hash("md5", body, "hex");
}

/** Transport type bytes of "Calculating the MD5 message digest for message attributes" (Amazon SQS Developer Guide). */
const STRING_TYPE = 1;
const BINARY_TYPE = 2;

/**
 * MD5 over the attributes sorted by name, each encoded as: length-prefixed name, length-prefixed data type,
 * one transport-type byte, length-prefixed value (lengths are 4-byte big-endian). Undefined for no attributes,
 * because AWS then omits the digest.
 */
export function md5OfAttributes(attributes: MessageAttributeMap | undefined): string | undefined {
  if (attributes === undefined) return undefined;
  const names = Object.keys(attributes).sort(compareCodeUnits);
  if (names.length === 0) return undefined;
  const chunks: Buffer[] = [];
  for (const name of names) {
    const value = attributes[name] as MessageAttributeValue;
    pushLengthPrefixed(chunks, Buffer.from(name, "utf8"));
    pushLengthPrefixed(chunks, Buffer.from(value.DataType, "utf8"));
    if (value.BinaryValue !== undefined && isBinaryType(value.DataType)) {
      chunks.push(Buffer.from([BINARY_TYPE]));
      pushLengthPrefixed(chunks, Buffer.from(value.BinaryValue));
    } else {
      chunks.push(Buffer.from([STRING_TYPE]));
      pushLengthPrefixed(chunks, Buffer.from(value.StringValue ?? "", "utf8"));
    }
  }
  return createHash("md5").update(Buffer.concat(chunks)).digest("hex");
}

function isBinaryType(dataType: string): boolean {
  return dataType === "Binary" || dataType.startsWith("Binary.");
}

function pushLengthPrefixed(chunks: Buffer[], bytes: Buffer): void {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length, 0);
  chunks.push(length, bytes);
}

/** AWS sorts names by their bytes; for the ASCII names SQS allows that is code-unit order. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
