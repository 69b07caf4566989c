import { limitsHelp } from './limit-options.js';

export function versionText(): string {
  return 'netdissect 0.1.0 (Wireshark-compatible dissectors in TypeScript; output modelled on tshark 4.0)\n';
}

/**
 * Every option netdissect accepts, grouped as tshark's help groups them,
 * each group with an example. test/cli/help.test.ts checks that every
 * option the parser knows appears here.
 */
export function helpText(): string {
  return `Usage: netdissect [options] [FILE]

Read a capture (pcap or pcapng, any link type tshark reads for Ethernet, Linux
cooked, raw IP or loopback), or capture live, and show it like tshark. With a
FILE and no output options in a terminal, the terminal UI opens; otherwise one
summary line per packet is printed.

Input:
  -r FILE                 read this capture file ('-' = standard input)
  -c N                    stop after N packets (live: after N packets shown)
  -2                      two passes, so fields that refer to later frames are filled
  -o NAME:VALUE           set a preference, e.g. -o tcp.desegment_tcp_streams:FALSE (one
                          netdissect does not have is refused and the list printed)
                          -o tcp.check_checksum:TRUE verifies TCP checksums (ip., udp. too)
  -d LAYER==PORT,PROTO    decode as: dissect traffic on PORT as PROTO, e.g. pyftpdlib's
                          -d tcp.port==2121,ftp or a mail server's -d tcp.port==2525,smtp
                          (also PORT-PORT and PORT:COUNT ranges, udp.port, other tables)
  --limit NAME=N          change a safety limit (see "Limits" below)
  example: netdissect -r lab.pcapng -c 20

Live capture (needs root or CAP_NET_RAW, and the cap module built with libpcap):
  -i NAME|N|any           capture on this interface (name or number from -D)
  -D                      list the interfaces and exit
  -f FILTER               capture filter in libpcap (BPF) syntax, e.g. "port 53 or port 25"
  -a duration:SECONDS     stop after this many seconds
  -a packets:N            stop after N packets
  -s SNAPLEN              capture at most SNAPLEN bytes of each packet (max 262144)
  -B MIB                  kernel capture buffer in MiB (default 32)
  -p                      ask not to capture in promiscuous mode (the cap module
                          always captures promiscuously; a warning says so)
  example: sudo netdissect -i eth0 -f "port 53 or port 25"

Filtering:
  -Y FILTER               display filter (Wireshark syntax): only matching packets are
                          shown, written (-w) and counted by -c in live capture
  -R FILTER               the same as -Y (accepted for tshark scripts)
  example: netdissect -r lab.pcapng -Y 'dns.flags.rcode != 0 || http.request.method == "POST"'

Output:
  -T text|fields|json|jsonl
                          text: summary lines (default); fields: the -e fields;
                          json: tshark's JSON array; jsonl: one JSON object per line
  -e FIELD                a field to print with -T fields (repeatable); _ws.col.No.,
                          _ws.col.Time, _ws.col.Source, _ws.col.Destination,
                          _ws.col.Protocol, _ws.col.Length and _ws.col.Info give the columns
  -E header=y|n           -T fields: print a header line with the field names
  -E separator=/t|/s|C    -T fields: column separator (tab, space or a character)
  -E occurrence=f|l|a     -T fields: first, last or all occurrences of a field
  -E aggregator=,|/s|C    -T fields: separator between occurrences
  -E quote=d|s|n          -T fields: quote values with " or ' (or not)
  -V                      the packet details tree, as tshark -V prints it
  -O PROTO,...            the details of these protocols only (others collapsed)
  -x                      hex and ASCII dump of each packet (and its reassembled data)
  -P                      summary lines too, with -V, -x or -w
  -q, -Q                  no per-packet output (statistics and exports only)
  -l                      flush the output after every packet (live capture into a pipe)
  -n                      no name resolution (netdissect never resolves names)
  -N FLAGS                name resolution flags: accepted for tshark scripts, ignored
  --tui, --no-tui         force the terminal UI on or off
  examples: netdissect -r lab.pcapng -V -Y smtp
            netdissect -r lab.pcapng -T fields -E header=y -e frame.number -e dns.qry.name

Writing:
  -w FILE                 write the packets that pass -Y to FILE (pcapng; '-' = stdout)
  -F pcapng|pcap          file format for -w
  --export-objects PROTO,DIR
                          save the files carried by PROTO into DIR, named as tshark
                          names them: http, imf (mails as .eml), ftp-data,
                          attachments (mail attachments)
  example: netdissect -r lab.pcapng -q --export-objects http,./objects

Statistics (-z, repeatable, printed after the packets, in tshark's layout):
  -z io,phs[,FILTER]      protocol hierarchy: frames and bytes per protocol path
  -z conv,eth|ip|ipv6|tcp|udp[,FILTER]
                          conversations: frames/bytes each way, relative start, duration
  -z endpoints,eth|ip|ipv6|tcp|udp[,FILTER]
                          endpoints: packets and bytes sent and received
  -z io,stat,INTERVAL[,COLUMN]...
                          per interval (seconds; 0 = the whole capture); COLUMN is a FILTER
                          or FUNC(FIELD)FILTER with FUNC one of FRAMES BYTES COUNT SUM MIN
                          MAX AVG LOAD
  -z dns,tree[,FILTER]    DNS statistics: types, rcodes, sizes, response times
  -z http,tree[,FILTER]   HTTP packets by status code and request method
  -z http_req,tree[,FILTER]
                          HTTP requests by Host and URI
  -z http_srv,tree[,FILTER]
                          HTTP requests by server address and Host, responses OK/KO
  -z plen,tree[,FILTER]   packet lengths in ranges (0-19, 20-39 ... 5120 and greater)
  -z ip_hosts,tree | ip_srcdst,tree | ptype,tree | dests,tree [,FILTER]
                          IPv4 addresses, sources and destinations, protocol types,
                          destinations and ports (ipv6_hosts,tree ... for IPv6)
  -z icmp,srt[,FILTER]    ping round trips: requests, replies, lost, min/max/mean/median RTT
                          (icmpv6,srt for ICMPv6)
  -z expert[,error|warn|note|chat|comment][,FILTER]
                          expert information with counts
  -z credentials          logins sent in the clear (FTP, HTTP Basic, POP3, IMAP, SMTP AUTH)
  -z follow,tcp|udp,ascii|hex|raw,STREAM[,CHUNKS]
                          the data of one stream, as tshark prints it
  -z transcript,tcp,STREAM[,smtp|pop3|imap|ftp|http|text]
                          a TCP conversation as a lab dialogue (C: / S: lines), long
                          bodies summarised
  -z dig                  every DNS response printed as dig prints it
  examples: netdissect -r lab.pcapng -q -z conv,tcp -z io,phs
            netdissect -r smtp.pcap -q -z transcript,tcp,0

Limits (--limit NAME=N, repeatable; they keep memory bounded on hostile input, and
reaching one is reported in the expert info, -z expert):
${limitsHelp()}
  (ipFragmentTimeoutSec 0: incomplete IP datagrams wait, as in Wireshark, until
  ipFragmentBytesTotal makes room)
  example: netdissect -r huge.pcap --limit maxOpenFlows=20000 -q -z expert

Other:
  -h, --help              this help
  -v, --version           version

Exit status: 0 done; 1 the capture was cut short or damaged (everything readable was
shown first); 2 a usage error (bad option, filter, file or interface).
`;
}
