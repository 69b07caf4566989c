// Names with compression pointers, loops, odd label types and extreme
// lengths. Expected strings are what tshark 4.0 shows for the same bytes.
import { dissectDns } from '@netdissect/dns';
import { describe, expect, it } from 'vitest';
import { bytes, header, name, question, record, u16 } from './wire.js';

const qname = (b: Uint8Array) => dissectDns(b).message.questions[0]?.name;

describe('name compression', () => {
  it('follows pointers into earlier names and into RDATA', () => {
    // CNAME target "www" + pointer to the question's "example.com"; the A owner points at the CNAME target.
    const cnameTarget = 12 + 17 + 12;
    const d = dissectDns(
      bytes(
        header(0x1234, 0x8180, 1, 2, 0, 0),
        question(name('example.com')),
        record([0xc0, 0x0c], 5, 1, 60, [3, 0x77, 0x77, 0x77, 0xc0, 0x0c]),
        record([0xc0, cnameTarget], 1, 1, 60, [192, 0, 2, 1]),
      ),
    );
    expect(d.malformed).toBe(false);
    expect(d.message.answers.map((r) => [r.name, r.rdata])).toEqual([
      ['example.com', { kind: 'CNAME', name: 'www.example.com' }],
      ['www.example.com', { kind: 'A', address: '192.0.2.1' }],
    ]);
    expect(d.info).toBe('Standard query response 0x1234 A example.com CNAME www.example.com A 192.0.2.1');
  });

  it('shows a pointer to itself as a loop, without failing the message', () => {
    const d = dissectDns(bytes(header(1, 0x0100, 1, 0, 0, 0), [0xc0, 0x0c], u16(1), u16(1)));
    expect(d.message.questions[0]!.name).toBe('<Name contains a pointer that loops>');
    expect(d.info).toBe('Standard query 0x0001 A <Name contains a pointer that loops>');
    expect(d.malformed).toBe(false);
  });

  it('detects two pointers that point at each other', () => {
    // The name is two bytes long, so what follows the first pointer is read as the type (0xc00c).
    const d = dissectDns(bytes(header(2, 0x0100, 1, 0, 0, 0), [0xc0, 0x0e, 0xc0, 0x0c], u16(1), u16(1)));
    expect(d.info).toBe('Standard query 0x0002 Unknown (49164) <Name contains a pointer that loops>');
  });

  it('gives up on long pointer chains at the session limit (dnsMaxPointers)', () => {
    // Answer 1 carries 100 pointers, each to the one before, the first to "a"; answer 2's owner is the last.
    const head = bytes(header(3, 0x8180, 1, 2, 0, 0), question(name('a')));
    const chainStart = head.length + 1 + 10;
    const chain: number[] = [];
    let prev = 12;
    for (let i = 0; i < 100; i++) {
      chain.push(...u16(0xc000 | prev));
      prev = chainStart + 2 * i;
    }
    const msg = bytes([...head], record([0], 65301, 1, 1, chain), record(u16(0xc000 | prev), 1, 1, 1, [9, 9, 9, 9]));
    expect(dissectDns(msg).message.answers[1]!.name).toBe('<Name contains a pointer that loops>');
    expect(dissectDns(msg, { limits: { dnsMaxPointers: 255 } }).message.answers[1]!.name).toBe('a');
  });

  it('stops a compression bomb: names that keep re-walking a long label chain make the message malformed', () => {
    // 8000 one-letter labels ending in a pointer back to their start, then thousands of questions pointing at them.
    const run: number[] = [];
    for (let i = 0; i < 8000; i++) run.push(1, 0x61);
    run.push(0xc0, 12);
    const questions = [...run, ...u16(1), ...u16(1)];
    const count = Math.floor((65000 - 12 - questions.length) / 6) + 1;
    for (let i = 1; i < count; i++) questions.push(0xc0, 12, ...u16(1), ...u16(1));
    const d = dissectDns(bytes(header(1, 0x0100, count, 0, 0, 0), questions));
    expect(d.malformed).toBe(true);
    expect(d.message.questions[0]!.name).toBe('<Name contains a pointer that loops>');
  });

  it('marks a pointer past the end of the message malformed', () => {
    const d = dissectDns(bytes(header(12, 0x0100, 1, 0, 0, 0), [0xc0, 0xff], u16(1), u16(1)));
    expect(d.malformed).toBe(true);
    expect(d.info).toBe('Standard query 0x000c[Malformed Packet]');
  });
});

describe('label types and lengths', () => {
  it('rejects the reserved label type 10', () => {
    expect(dissectDns(bytes(header(4, 0x0100, 1, 0, 0, 0), [0x81, 0x61, 0], u16(1), u16(1))).malformed).toBe(true);
  });

  it('prints bitstring labels and fails on unknown extended labels', () => {
    // Wireshark counts the bitstring's text out of the name length, cutting the name short.
    expect(qname(bytes(header(5, 0x0100, 1, 0, 0, 0), [0x41, 0x08, 0xab, 3, 0x66, 0x6f, 0x6f, 0], u16(1), u16(1)))).toBe('\\[xa');
    expect(dissectDns(bytes(header(6, 0x0100, 1, 0, 0, 0), [0x42, 0x00], u16(1), u16(1))).malformed).toBe(true);
  });

  it('shows the root, names up to 253 characters, and longer ones as too long', () => {
    const n253 = ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.');
    const n254 = ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(62)].join('.');
    const d = dissectDns(bytes(header(8, 0x0100, 3, 0, 0, 0), question(name(''), 2), question(name(n253)), question(name(n254))));
    expect(d.message.questions.map((q) => q.name)).toEqual(['<Root>', n253, '<Name too long>']);
    expect(d.info).toBe(`Standard query 0x0008 NS <Root> A ${n253} A <Name too long>`);
  });

  it('escapes control bytes and shows invalid UTF-8 as a replacement character', () => {
    expect(qname(bytes(header(13, 0x0100, 1, 0, 0, 0), [5, 0x61, 0x01, 0x62, 0xe9, 0x63, 0], u16(16), u16(1)))).toBe('a\\001b\ufffdc');
  });
});
