/**
 * IP addresses and CIDR blocks for the `cidr` operator ("Content filtering in Amazon EventBridge event
 * patterns", IP address matching: IPv4 and IPv6). Parsed by hand into bytes: no regex built from input,
 * no DNS, no platform quirks such as inet_aton's octal forms.
 */

export interface IpAddress {
  readonly version: 4 | 6;
  readonly bytes: Uint8Array;
}

export interface CidrBlock {
  readonly version: 4 | 6;
  readonly bytes: Uint8Array;
  readonly bits: number;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] as string;
    if (part.length === 0 || part.length > 3) return undefined;
    let n = 0;
    for (let j = 0; j < part.length; j++) {
      const c = part.charCodeAt(j);
      if (c < 0x30 || c > 0x39) return undefined;
      n = n * 10 + (c - 0x30);
    }
    if (n > 255) return undefined;
    bytes[i] = n;
  }
  return bytes;
}

function parseHexGroup(group: string): number | undefined {
  if (group.length === 0 || group.length > 4) return undefined;
  let n = 0;
  for (let i = 0; i < group.length; i++) {
    const d = parseInt(group[i] as string, 16);
    if (Number.isNaN(d)) return undefined;
    n = n * 16 + d;
  }
  return n;
}

function parseIpv6(text: string): Uint8Array | undefined {
  if (text.length < 2 || text.length > 45) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): string[] => (half === "" ? [] : half.split(":"));
  const head = groupsOf(halves[0] as string);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  const words: number[] = [];
  const all = [...head, ...tail];
  let tailIpv4: Uint8Array | undefined;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes(".")) {
    tailIpv4 = parseIpv4(last);
    if (tailIpv4 === undefined) return undefined;
    if (tail.length > 0) tail.pop();
    else head.pop();
  }
  const toWords = (groups: string[]): number[] | undefined => {
    const out: number[] = [];
    for (const group of groups) {
      const word = parseHexGroup(group);
      if (word === undefined) return undefined;
      out.push(word);
    }
    return out;
  };
  const headWords = toWords(head);
  const tailWords = toWords(tail);
  if (headWords === undefined || tailWords === undefined) return undefined;
  const needed = tailIpv4 === undefined ? 8 : 6;
  const present = headWords.length + tailWords.length;
  if (halves.length === 2) {
    if (present >= needed) return undefined;
    words.push(...headWords, ...new Array<number>(needed - present).fill(0), ...tailWords);
  } else {
    if (present !== needed) return undefined;
    words.push(...headWords);
  }
  const bytes = new Uint8Array(16);
  for (let i = 0; i < words.length; i++) {
    bytes[i * 2] = (words[i] as number) >> 8;
    bytes[i * 2 + 1] = (words[i] as number) & 0xff;
  }
  if (tailIpv4 !== undefined) bytes.set(tailIpv4, 12);
  return bytes;
}

export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(":")) {
    const bytes = parseIpv6(text);
    return bytes === undefined ? undefined : { version: 6, bytes };
  }
  const bytes = parseIpv4(text);
  return bytes === undefined ? undefined : { version: 4, bytes };
}

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  if (a.version !== b.version) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}

/** Parses "address/bits"; returns the error text AWS gives for a malformed block. */
export function parseCidr(text: string): CidrBlock | string {
  const parts = text.split("/");
  if (parts.length !== 2) return "Malformed CIDR, one '/' required";
  const [address, mask] = parts as [string, string];
  if (!/^\d{1,3}$/.test(mask)) return "Malformed CIDR, mask bits must be an integer";
  const ip = parseIp(address);
  if (ip === undefined) return `Nonstandard IP address: ${address}`;
  const bits = Number(mask);
  const max = ip.version === 4 ? 32 : 128;
  if (bits > max) return `Malformed CIDR, mask bits must be between 0 and ${max}`;
  return { version: ip.version, bytes: ip.bytes, bits };
}

/** Whether `ip` falls inside `block`; host bits set in the block's address are ignored, as event-ruler masks them. */
export function cidrContains(block: CidrBlock, ip: IpAddress): boolean {
  if (block.version !== ip.version) return false;
  let bits = block.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((block.bytes[i] as number) & mask) !== ((ip.bytes[i] as number) & mask)) return false;
  }
  return true;
}

/**
 * An IPv4 address as an unsigned 32-bit number, or -1: the same grammar as parseIp's IPv4 branch
 * (four dot-separated groups of one to three digits, each at most 255; text with a ":" is IPv6), read
 * without allocating. The matcher's hot path for `cidr` and IP-shaped exact strings.
 */
export function ipv4Number(text: string): number {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let result = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || part > 255) return -1;
      result = result * 256 + part;
      part = 0;
      digits = 0;
      if (++dots > 3) return -1;
    } else if (c >= 0x30 && c <= 0x39) {
      if (++digits > 3) return -1;
      part = part * 10 + (c - 0x30);
    } else return -1;
  }
  if (dots !== 3 || digits === 0 || part > 255) return -1;
  return result * 256 + part;
}

/** An IPv4 address's bytes as the number ipv4Number gives. */
export function ipv4Value(bytes: Uint8Array): number {
  return (bytes[0] as number) * 0x1000000 + (bytes[1] as number) * 0x10000 + (bytes[2] as number) * 0x100 + (bytes[3] as number);
}
