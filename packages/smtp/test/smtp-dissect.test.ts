import { describe, expect, it } from 'vitest';
import { ethernet, ipv4, latin1, packets, tcp } from '../../../test/support/frame-builders.js';
import { corpusPackets, dissectPackets } from './support/dissect.js';

const FIELDS = ['smtp.req.command', 'smtp.req.parameter', 'smtp.response.code', 'smtp.rsp.parameter', 'smtp.auth.username', 'smtp.auth.password', 'smtp.auth.username_password', 'smtp.data.reassembled.in', 'smtp.data.fragment', 'imf.subject'];

describe('SMTP dissection of real sessions', () => {
  it('shows commands, multi-line replies and AUTH LOGIN as tshark does by default', async () => {
    const frames = dissectPackets(await corpusPackets('smtp/smtp.pcap'), FIELDS, { twoPass: true });
    const byNum = new Map(frames.map((f) => [f.num, f]));
    expect(byNum.get(7)!.info).toBe('C: EHLO GP');
    expect(byNum.get(9)!.info).toBe('S: 250-xc90.websitewelcome.com Hello GP [122.162.143.157] | SIZE 52428800 | PIPELINING | AUTH PLAIN LOGIN | STARTTLS | HELP');
    // One response item for the whole multi-line reply, a parameter per line.
    expect(byNum.get(9)!.fields.get('smtp.response.code')).toEqual(['250']);
    expect(byNum.get(9)!.fields.get('smtp.rsp.parameter')).toHaveLength(6);
    // Base64 stays encoded unless smtp.decryption is on (tshark's default).
    expect(byNum.get(12)!.info).toBe('C: User: Z3VycGFydGFwQHBhdHJpb3RzLmlu');
    expect(byNum.get(12)!.fields.get('smtp.auth.username')).toEqual(['Z3VycGFydGFwQHBhdHJpb3RzLmlu']);
    expect(byNum.get(14)!.fields.get('smtp.auth.password')).toEqual(['cHVuamFiQDEyMw==']);
    expect(byNum.get(16)!.fields.get('smtp.req.command')).toEqual(['MAIL']);
    expect(byNum.get(16)!.fields.get('smtp.req.parameter')).toEqual(['FROM: <gurpartap@patriots.in>']);
    // DATA segments point at the frame that completes the message; it lists them.
    expect(byNum.get(22)!.fields.get('smtp.data.reassembled.in')).toEqual(['45']);
    expect(byNum.get(45)!.protocol).toBe('SMTP/IMF');
    expect(byNum.get(45)!.fields.get('smtp.data.fragment')).toEqual(['22', '23', '24', '25', '26', '28', '29', '30', '36', '38', '39', '41', '42', '44', '45']);
    expect(byNum.get(45)!.fields.get('imf.subject')).toEqual(['SMTP']);
  });

  it('decodes AUTH LOGIN and AUTH PLAIN when smtp.decryption is on', async () => {
    const login = dissectPackets(await corpusPackets('smtp/smtp.pcap'), FIELDS, { prefs: { 'smtp.decryption': true } });
    expect(login.find((f) => f.num === 11)!.info).toBe('S: 334 Username:');
    expect(login.find((f) => f.num === 12)!.fields.get('smtp.auth.username')).toEqual(['gurpartap@patriots.in']);
    expect(login.find((f) => f.num === 14)!.info).toBe('C: Pass: punjab@123');
    const plain = dissectPackets(await corpusPackets('smtp/smtp-data-250.pcap'), FIELDS, { prefs: { 'smtp.decryption': true } });
    const f9 = plain.find((f) => f.num === 9)!;
    expect(f9.info).toBe('C: AUTH PLAIN User: 12345678@aol.com  Pass: passwd');
    expect(f9.fields.get('smtp.auth.username')).toEqual(['12345678@aol.com']);
    expect(f9.fields.get('smtp.auth.password')).toEqual(['passwd']);
  });

  it('keeps AUTH PLAIN encoded by default and flags it', async () => {
    const frames = dissectPackets(await corpusPackets('smtp/smtp-data-250.pcap'), [...FIELDS, 'smtp.base64_decode']);
    const f9 = frames.find((f) => f.num === 9)!;
    expect(f9.info).toBe('C: AUTH PLAIN ADEyMzQ1Njc4QGFvbC5jb20AcGFzc3dk');
    expect(f9.fields.get('smtp.auth.username_password')).toEqual(['ADEyMzQ1Njc4QGFvbC5jb20AcGFzc3dk']);
    expect(f9.fields.get('smtp.base64_decode')).toEqual(['1']);
  });

  it('groups pipelined commands and replies on one line each', async () => {
    const frames = dissectPackets(await corpusPackets('smtp/mail_receiver_server_3.pcapng'), FIELDS);
    const f9 = frames.find((f) => f.num === 9)!;
    expect(f9.info).toBe('C: MAIL FROM:<sanders@skynet.local> SIZE=732 | RCPT TO:<sanders@cyberdyne.local> ORCPT=rfc822;sanders@cyberdyne.local | DATA');
    expect(f9.fields.get('smtp.req.command')).toEqual(['MAIL', 'RCPT', 'DATA']);
    const f10 = frames.find((f) => f.num === 10)!;
    expect(f10.info).toBe('S: 250 2.1.0 Ok | 250 2.1.5 Ok | 354 End data with <CR><LF>.<CR><LF>');
    expect(f10.fields.get('smtp.response.code')).toEqual(['250', '250', '354']);
    expect(frames.find((f) => f.num === 11)!.info).toBe('from: Chris Sanders <sanders@skynet.local>, subject: Help!,  (text/plain)');
  });

  it('follows BDAT chunks like Wireshark 4.0, which never shows a BDAT message as IMF', async () => {
    const frames = dissectPackets(await corpusPackets('smtp/smtp-bdat-pipeline-8bitmime.pcap'), FIELDS, { twoPass: true });
    expect(frames.find((f) => f.num === 9)!.info).toBe('C: DATA fragment, 2896 bytes');
    expect(frames.find((f) => f.num === 11)!.fields.get('smtp.data.reassembled.in')).toEqual(['11']);
    expect(frames.some((f) => f.protocol.includes('IMF'))).toBe(false);
  });

  it('hands the stream over after an accepted STARTTLS', async () => {
    const frames = dissectPackets(await corpusPackets('smtp/smtp-starttls.pcap'));
    expect(frames.find((f) => f.num === 10)!.info).toBe('C: STARTTLS');
    expect(frames.find((f) => f.num === 11)!.info).toBe('S: 220 2.0.0 Ready to start TLS');
    // No TLS dissector is loaded here: the encrypted records are data, not SMTP.
    expect(frames.filter((f) => f.num > 11).every((f) => f.protocol !== 'SMTP')).toBe(true);
  });

  it('ends command and reply values at a NUL, with the trailing-stray warning, as tshark 4.0 does', () => {
    // A crafted session: NULs inside a greeting, an EHLO argument and a reply line (checked against tshark 4.0).
    const client = [10, 0, 0, 1];
    const server = [10, 0, 0, 2];
    let clientSeq = 1000;
    let serverSeq = 5000;
    const segment = (fromClient: boolean, text: string): Uint8Array => {
      const payload = latin1(text);
      const seq = fromClient ? clientSeq : serverSeq;
      if (fromClient) clientSeq += payload.length;
      else serverSeq += payload.length;
      return ethernet(0x0800, ipv4({ protocol: 6, src: fromClient ? client : server, dst: fromClient ? server : client, id: 1 },
        tcp({ sport: fromClient ? 41000 : 25, dport: fromClient ? 25 : 41000, seq, ack: fromClient ? serverSeq : clientSeq, flags: 0x18 }, payload)));
    };
    const frames = dissectPackets(packets([segment(false, '220 mx\0junk ESMTP\r\n'), segment(true, 'EHLO a\0b\r\n'), segment(false, '250-mx\0x\r\n250 OK\r\n')]),
      ['smtp.response', 'smtp.rsp.parameter', 'smtp.command_line', 'smtp.req.command', 'smtp.req.parameter', '_ws.string.trailing_stray_characters']);
    const [greeting, ehlo, reply] = frames;
    expect(greeting!.fields.get('smtp.response')).toEqual(['220 mx']);
    expect(greeting!.fields.get('smtp.rsp.parameter')).toEqual(['mx']);
    expect(ehlo!.fields.get('smtp.command_line')).toEqual(['EHLO a']);
    expect(ehlo!.fields.get('smtp.req.command')).toEqual(['EHLO']);
    expect(ehlo!.fields.get('smtp.req.parameter')).toEqual(['a']);
    expect(reply!.fields.get('smtp.rsp.parameter')).toEqual(['mx', 'OK']);
    // One warning under each value cut short.
    expect(greeting!.fields.get('_ws.string.trailing_stray_characters')).toHaveLength(2);
    expect(ehlo!.fields.get('_ws.string.trailing_stray_characters')).toHaveLength(2);
    expect(reply!.fields.get('_ws.string.trailing_stray_characters')).toHaveLength(2);
  });
});
