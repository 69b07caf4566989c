export function versionText(): string {
  return 'netdissect 0.1.0 (Wireshark-compatible dissectors in TypeScript; output modelled on tshark 4.0)\n';
}

export function helpText(): string {
  return `Usage: netdissect [options] [FILE]

Read a capture (pcap or pcapng, from a file or '-' for stdin) and show it
like tshark; in a terminal with no output options, open the terminal UI.

Input:
  -r FILE                 read this capture file ('-' = stdin)
  -c N                    stop after N packets
  -2                      two passes (fields that refer to later frames)
  -o NAME:VALUE           set a preference (e.g. tcp.desegment_tcp_streams:FALSE)

Output:
  -T text|fields          output format (default text: one summary line per packet)
  -e FIELD                a field to print with -T fields (repeatable)
  -E header=y|n           -T fields: print a header line
  -E separator=/t|/s|C    -T fields: column separator (tab, space or a character)
  -E occurrence=f|l|a     -T fields: first, last or all occurrences
  -E aggregator=,|/s|C    -T fields: separator between occurrences
  -E quote=d|s|n          -T fields: quote values with " or ' (or not)
  -q                      no per-packet output
  -n                      no name resolution (always the case)

Examples:
  netdissect -r lab.pcapng
  netdissect -r lab.pcapng -T fields -e frame.number -e ip.src -e tcp.stream -E header=y

Other:
  -h, --help              this help
  -v, --version           version
`;
}
