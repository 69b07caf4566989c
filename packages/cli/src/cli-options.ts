import { parseDecodeAs, type DecodeAs } from './decode-as-option.js';
import { parseLimit } from './limit-options.js';
import { parsePreference } from './preference-option.js';
import { UsageError } from './usage-error.js';

export type OutputFormat = 'text' | 'fields' | 'json' | 'jsonl';

/** tshark's other -T formats: refused by name rather than answered with text output. */
const TSHARK_ONLY_FORMATS = ['ek', 'pdml', 'psml', 'ps', 'tabs'];

/** Everything the command line can ask for, tshark-compatible where tshark has the flag. */
export interface CliOptions {
  readFile: string | null;
  interface: string | null;
  listInterfaces: boolean;
  captureFilter: string | null;
  displayFilter: string | null;
  format: OutputFormat;
  fields: string[];
  fieldOptions: { header: boolean; separator: string; occurrence: 'f' | 'l' | 'a'; aggregator: string; quote: '' | '"' | "'" };
  count: number | null;
  twoPass: boolean;
  quiet: boolean;
  verbose: boolean;
  /** -P: summary lines even with -V/-x or when writing a file. */
  printSummary: boolean;
  hex: boolean;
  onlyProtocols: string[] | null;
  stats: string[];
  writeFile: string | null;
  writeFormat: 'pcapng' | 'pcap';
  exportObjects: string[];
  /** -o: the preferences set, as the dissectors read them (booleans and numbers converted). */
  prefs: Record<string, string | number | boolean>;
  /** -d: tables pointed at other protocols for this run (Decode As). */
  decodeAs: DecodeAs[];
  snaplen: number | null;
  promiscuous: boolean;
  bufferSizeMiB: number | null;
  autostop: { duration?: number; packets?: number };
  limits: Record<string, number>;
  /** -l: flush the output after every packet (for pipes during live capture). */
  lineBuffered: boolean;
  help: boolean;
  version: boolean;
  /** The terminal UI, forced on (--tui) or off (--no-tui); null decides by stdout. */
  tui: boolean | null;
}

const SHORT_WITH_ARG = new Set(['r', 'T', 'e', 'E', 'c', 'Y', 'R', 'o', 'd', 'z', 'O', 'w', 'F', 'i', 'f', 's', 'B', 'a', 'N']);
const SHORT_FLAGS = new Set(['2', 'n', 'q', 'V', 'x', 'D', 'p', 'h', 'v', 'Q', 'P', 'l']);
const LONG_OPTIONS = ['help', 'version', 'export-objects', 'tui', 'no-tui', 'limit'] as const;

/** Every option the parser accepts ("-r", "--limit"), for the help-text check. */
export function knownOptions(): string[] {
  return [...[...SHORT_WITH_ARG, ...SHORT_FLAGS].map((c) => `-${c}`), ...LONG_OPTIONS.map((n) => `--${n}`)];
}

function parseSeparator(v: string): string {
  switch (v) {
    case '/t': return '\t';
    case '/s': return ' ';
    default: return v.length ? v[0]! : '\t';
  }
}

function parseCount(flag: string, v: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`invalid argument for ${flag}: "${v}" is not a positive number`);
  return Number(v);
}

/** Parse argv (without node and the script) into options; throws UsageError on mistakes. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const o: CliOptions = {
    readFile: null, interface: null, listInterfaces: false, captureFilter: null, displayFilter: null, format: 'text', fields: [],
    fieldOptions: { header: false, separator: '\t', occurrence: 'a', aggregator: ',', quote: '' },
    count: null, twoPass: false, quiet: false, verbose: false, printSummary: false, hex: false, onlyProtocols: null, stats: [], writeFile: null, writeFormat: 'pcapng',
    exportObjects: [], prefs: {}, decodeAs: [], snaplen: null, promiscuous: true, bufferSizeMiB: null, autostop: {}, limits: {}, lineBuffered: false, help: false, version: false, tui: null,
  };
  const positional: string[] = [];
  const apply = (flag: string, v: string | undefined): void => {
    const need = (): string => {
      if (v === undefined) throw new UsageError(`option -${flag} requires an argument`);
      return v;
    };
    switch (flag) {
      case 'r': o.readFile = need(); break;
      case 'i': o.interface = need(); break;
      case 'D': o.listInterfaces = true; break;
      case 'f': o.captureFilter = need(); break;
      case 'Y': case 'R': o.displayFilter = need(); break;
      case 'T': {
        const f = need();
        if (TSHARK_ONLY_FORMATS.includes(f)) throw new UsageError(`-T ${f} is a tshark output format netdissect does not write; use text, fields, json or jsonl`);
        if (!['text', 'fields', 'json', 'jsonl'].includes(f)) throw new UsageError(`invalid -T parameter "${f}"; it must be one of text, fields, json, jsonl`);
        o.format = f as OutputFormat;
        break;
      }
      case 'e': o.fields.push(need()); break;
      case 'E': {
        const kv = need();
        const eq = kv.indexOf('=');
        if (eq < 0) throw new UsageError(`invalid -E parameter "${kv}"; expected name=value`);
        const k = kv.slice(0, eq);
        const val = kv.slice(eq + 1);
        switch (k) {
          case 'header': o.fieldOptions.header = val === 'y'; break;
          case 'separator': o.fieldOptions.separator = parseSeparator(val); break;
          case 'occurrence':
            if (val !== 'f' && val !== 'l' && val !== 'a') throw new UsageError(`invalid -E occurrence "${val}"; it must be f, l or a`);
            o.fieldOptions.occurrence = val;
            break;
          case 'aggregator': o.fieldOptions.aggregator = val === '/s' ? ' ' : val.length ? val[0]! : ','; break;
          case 'quote': o.fieldOptions.quote = val === 'd' ? '"' : val === 's' ? "'" : ''; break;
          case 'bom': case 'escape': break;
          default: throw new UsageError(`invalid -E parameter "${k}"`);
        }
        break;
      }
      case 'c': o.count = parseCount('-c', need()); break;
      case '2': o.twoPass = true; break;
      case 'n': break;
      case 'N': need(); break;
      case 'q': case 'Q': o.quiet = true; break;
      case 'V': o.verbose = true; break;
      case 'x': o.hex = true; break;
      case 'O': o.onlyProtocols = need().split(',').map((s) => s.trim()).filter(Boolean); break;
      case 'z': o.stats.push(need()); break;
      case 'w': o.writeFile = need(); break;
      case 'F': {
        const f = need();
        if (f !== 'pcap' && f !== 'pcapng') throw new UsageError(`unsupported -F format "${f}"; use pcap or pcapng`);
        o.writeFormat = f;
        break;
      }
      case 'o': {
        const [name, value] = parsePreference(need());
        o.prefs[name] = value;
        break;
      }
      case 'd': o.decodeAs.push(parseDecodeAs(need())); break;
      case 's': o.snaplen = parseCount('-s', need()); break;
      case 'p': o.promiscuous = false; break;
      case 'B': o.bufferSizeMiB = parseCount('-B', need()); break;
      case 'a': {
        const a = need();
        const m = /^(duration|packets):(\d+)$/.exec(a);
        if (!m) throw new UsageError(`invalid -a autostop condition "${a}"; use duration:SECONDS or packets:N`);
        if (m[1] === 'duration') o.autostop.duration = Number(m[2]);
        else o.autostop.packets = Number(m[2]);
        break;
      }
      case 'h': o.help = true; break;
      case 'v': o.version = true; break;
      case 'P': o.printSummary = true; break;
      case 'l': o.lineBuffered = true; break;
      default: throw new UsageError(`unknown option -${flag} (see netdissect --help)`);
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const inline = eq >= 0 ? a.slice(eq + 1) : undefined;
      const value = (): string => {
        if (inline !== undefined) return inline;
        const n = argv[++i];
        if (n === undefined) throw new UsageError(`option --${name} requires an argument`);
        return n;
      };
      switch (name) {
        case 'help': o.help = true; break;
        case 'version': o.version = true; break;
        case 'export-objects': o.exportObjects.push(value()); break;
        case 'tui': o.tui = true; break;
        case 'no-tui': o.tui = false; break;
        case 'limit': {
          const [name, n] = parseLimit(value());
          o.limits[name] = n;
          break;
        }
        default: throw new UsageError(`unknown option --${name} (see netdissect --help)`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Bundled short options, getopt style: -nr file, -c5, -Tfields.
      for (let j = 1; j < a.length; j++) {
        const f = a[j]!;
        if (SHORT_WITH_ARG.has(f)) {
          const rest = a.slice(j + 1);
          if (rest.length) apply(f, rest);
          else apply(f, argv[++i]);
          break;
        }
        if (SHORT_FLAGS.has(f)) apply(f, undefined);
        else throw new UsageError(`unknown option -${f} (see netdissect --help)`);
      }
      continue;
    }
    positional.push(a);
  }
  if (positional.length) {
    if (!o.readFile && !o.interface && positional.length === 1) o.readFile = positional[0]!;
    else throw new UsageError(`unexpected argument "${positional[o.readFile ? 0 : 1]}" (see netdissect --help)`);
  }
  // As tshark: fields without an output format that prints them are a mistake, not ignored.
  if (o.fields.length && o.format !== 'fields' && o.format !== 'json' && o.format !== 'jsonl') {
    throw new UsageError('output fields were specified with -e, but -T fields, json or jsonl was not');
  }
  if (o.format === 'fields' && o.fields.length === 0) throw new UsageError('-T fields requires at least one -e FIELD');
  return o;
}
