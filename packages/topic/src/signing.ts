import { createHash, createPrivateKey, createSign, type KeyObject } from "node:crypto";
import { dnsSuffixOf } from "@simcloud/core";
import { SIGNING_CERTIFICATE_PEM, SIGNING_PRIVATE_KEY_PEM } from "./signing-key";

export type SignatureVersion = "1" | "2";

/** The fields a signature covers, by message type (Verifying the signatures of Amazon SNS messages). */
export interface SignedFields {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  Subject?: string | undefined;
  Token?: string | undefined;
  SubscribeURL?: string | undefined;
}

let privateKey: KeyObject | undefined;

/**
 * The canonical string: "Key\nvalue\n" for each signed key in byte order. Notifications sign Message,
 * MessageId, Subject (if present), Timestamp, TopicArn, Type; confirmations sign Message, MessageId,
 * SubscribeURL, Timestamp, Token, TopicArn, Type.
 */
export function stringToSign(fields: SignedFields): string {
  const keys =
    fields.Type === "Notification"
      ? (["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] as const)
      : (["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"] as const);
  let out = "";
  for (const key of keys) {
    const value = fields[key];
    if (value !== undefined) out += `${key}\n${value}\n`;
  }
  return out;
}

export type SigningMode = "rsa" | "placeholder";

/**
 * SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, both Base64 (HTTP/HTTPS notification JSON format).
 * "placeholder" mode is for throughput runs: a Base64 SHA-256 of the canonical string, deterministic but not a
 * signature any verifier accepts.
 */
export function sign(fields: SignedFields, version: SignatureVersion, mode: SigningMode): string {
  const text = stringToSign(fields);
  if (mode === "placeholder") return createHash("sha256").update(text).digest("base64");
  privateKey ??= createPrivateKey(SIGNING_PRIVATE_KEY_PEM);
  return createSign(version === "1" ? "RSA-SHA1" : "RSA-SHA256")
    .update(text, "utf8")
    .sign(privateKey, "base64");
}

const certificateId = createHash("md5").update(SIGNING_CERTIFICATE_PEM).digest("hex");

/** Where AWS would serve the certificate; `signingCertificatePem()` is what that URL would return. */
export function signingCertUrl(region: string): string {
  return `https://sns.${region}.${dnsSuffixOf(region)}/SimpleNotificationService-${certificateId}.pem`;
}

export function signingCertificatePem(): string {
  return SIGNING_CERTIFICATE_PEM;
}
