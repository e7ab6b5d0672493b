import { createVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sign, signingCertificatePem, stringToSign, type SignedFields } from "./signing";

const fields: SignedFields = {
  Type: "Notification",
  MessageId: "00000000-0000-4000-8000-000000000001",
  TopicArn: "arn:aws:sns:us-east-1:000000000000:orders",
  Subject: "New order",
  Message: '{"orderId":1,"note":"ünïcödé"}',
  Timestamp: "2025-01-01T00:00:00.000Z",
};

// "Verifying the signatures of Amazon SNS messages": SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, Base64.
describe("SNS message signatures", () => {
  it.each([
    ["1", "RSA-SHA1"],
    ["2", "RSA-SHA256"],
  ] as const)("SignatureVersion %s: %s over the canonical string, deterministic, verifiable with the certificate", (version, algorithm) => {
    const signature = sign(fields, version, "rsa");
    expect(sign(fields, version, "rsa")).toBe(signature);
    // RSA-1024 (signing-key.ts): 128 bytes, 172 Base64 characters; AWS's 2048-bit keys give 344 (docs/sns.md).
    expect(signature).toMatch(/^[A-Za-z0-9+/]{171}=$/);
    expect(createVerify(algorithm).update(stringToSign(fields), "utf8").verify(signingCertificatePem(), signature, "base64")).toBe(true);
  });
});
