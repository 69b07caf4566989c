#!/usr/bin/env python3
"""Print the code points GLib's g_unichar_isprint rejects but Node's Unicode
tables call printable (assigned since the Unicode version of the GLib that
tshark links against), as ranges for packages/core/src/fields/glib-unassigned.ts.

Run on the machine whose tshark is the oracle (Debian 12: GLib 2.74,
Unicode 15.0), with the Node that runs the tests:
    python3 scripts/unicode/glib-unprintable-ranges.py
"""
import ctypes
import subprocess

glib = ctypes.CDLL('libglib-2.0.so.0')
glib.g_unichar_isprint.argtypes = [ctypes.c_uint32]
glib.g_unichar_isprint.restype = ctypes.c_int
glib_printable = bytes(1 if glib.g_unichar_isprint(cp) else 0 for cp in range(0x110000))

# Node's own answer, the rule format-text.ts starts from.
node_printable = subprocess.run(
    ['node', '-e', r'''
const re = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}]/u;
const out = Buffer.alloc(0x110000);
for (let cp = 0; cp < 0x110000; cp++) out[cp] = re.test(String.fromCodePoint(cp)) ? 0 : 1;
process.stdout.write(out);
'''], check=True, capture_output=True).stdout

ranges = []
for cp in range(0x80, 0x110000):
    if glib_printable[cp] == node_printable[cp]:
        continue
    if not node_printable[cp]:
        raise SystemExit(f'U+{cp:04X}: GLib prints it, Node does not; format-text.ts needs more than a table of exclusions')
    if ranges and ranges[-1][1] == cp - 1:
        ranges[-1][1] = cp
    else:
        ranges.append([cp, cp])

node_unicode = subprocess.run(['node', '-p', 'process.versions.unicode'], check=True, capture_output=True, text=True).stdout.strip()
print(f'// {len(ranges)} ranges, first and last code point (Node Unicode {node_unicode} against this GLib)')
pairs = [f'0x{a:x}, 0x{b:x},' for a, b in ranges]
for i in range(0, len(pairs), 6):
    print('  ' + ' '.join(pairs[i:i + 6]))
