import { describe, expect, it } from "vitest";
import { md5OfAttributes, md5OfBody } from "./md5";

// Digests checked against AWS's documented algorithm ("Calculating the MD5 message digest for message
// attributes", Amazon SQS Developer Guide) as implemented by the aws-md5-of-message-attributes package's examples.
describe("MD5 digests as the SDK verifies them", () => {
  it("hashes the UTF-8 body", () => {
    expect(md5OfBody("hello")).toBe("5d41402abc4b2a76b9719d911017c592");
    expect(md5OfBody("one")).toBe("f97c5d29941bfb1b2fdab0874906ab82");
  });

  it("hashes a String attribute", () => {
    expect(md5OfAttributes({ attribName1: { DataType: "String", StringValue: "attribValue 1" } })).toBe(
      "19e27d4e946b072f3f58da80d94fd778",
    );
  });

  it("hashes a custom Number type", () => {
    expect(
      md5OfAttributes({ customNumberTypeAttrib: { DataType: "Number.float", StringValue: "4563442423554324324264524243.32543234" } }),
    ).toBe("9fe1b90bbd9965bdf77bac517c7d2495");
  });

  it("hashes a Binary attribute from its bytes", () => {
    expect(md5OfAttributes({ binaryAttribute: { DataType: "Binary", BinaryValue: Buffer.from("Hello binary world!") } })).toBe(
      "31a92b15d92f8db860eda32aceb656c3",
    );
  });

  it("sorts several attributes by name", () => {
    expect(
      md5OfAttributes({
        binaryAttribute: { DataType: "Binary", BinaryValue: Buffer.from("Hello binary world!") },
        customNumberTypeAttrib: { DataType: "Number.float", StringValue: "4563442423554324324264524243.32543234" },
        attribName1: { DataType: "String", StringValue: "attribValue 1" },
      }),
    ).toBe("c932db14a896c663f83c260297d594ff");
  });

  it("is absent for no attributes", () => {
    expect(md5OfAttributes(undefined)).toBeUndefined();
    expect(md5OfAttributes({})).toBeUndefined();
  });
});
