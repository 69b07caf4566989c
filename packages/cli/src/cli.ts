import { CaptureFileError, defaultRegistry } from '@netdissect/core';
import { parseCliOptions, type CliOptions } from './cli-options.js';
import { applyDecodeAs } from './decode-as-option.js';
import { helpText, versionText } from './help-text.js';
import { OutputStream, type TextSink } from './output/output-stream.js';
import { runFile } from './run-file.js';
import { UsageError } from './usage-error.js';
import './protocols.js';

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
}

/**
 * The terminal UI opens for a capture or interface when stdout is a terminal
 * and nothing asks for printed output (like Wireshark vs tshark); --tui and
 * --no-tui decide explicitly.
 */
function wantsTui(o: CliOptions, stdoutIsTty: boolean): boolean {
  if (o.listInterfaces) return false;
  if (o.tui !== null) return o.tui;
  const printed = o.format !== 'text' || o.verbose || o.hex || o.quiet || o.onlyProtocols !== null || o.stats.length > 0 ||
    o.writeFile !== null || o.exportObjects.length > 0 || o.count !== null;
  return stdoutIsTty && !printed;
}

/**
 * Run the netdissect command with `argv` (no node/script prefix) and
 * return its exit status: 0 ok, 1 the capture was damaged or cut short
 * (everything readable was still shown), 2 a usage error. Never throws for
 * anything a user or a capture can do.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const err = (msg: string): void => void io.stderr.write(`netdissect: ${msg}\n`);
  let out: OutputStream | null = null;
  let undoDecodeAs: (() => void) | null = null;
  try {
    const o = parseCliOptions(argv);
    if (o.help) {
      io.stdout.write(helpText());
      return 0;
    }
    if (o.version) {
      io.stdout.write(versionText());
      return 0;
    }
    if (!o.readFile && !o.interface && !o.listInterfaces) throw new UsageError('no capture given: use netdissect FILE, -r FILE or -i INTERFACE (see --help)');
    // Decode As changes the tables every session looks up, for this run only.
    undoDecodeAs = applyDecodeAs(o.decodeAs, defaultRegistry);
    if (wantsTui(o, !!io.stdout.isTTY)) {
      const { runTui } = await import('./tui/run-tui.js');
      return await runTui(o, io);
    }
    out = new OutputStream(io.stdout);
    if (o.listInterfaces) await (await import('./live/run-live.js')).listInterfaces(out);
    else if (o.interface) await (await import('./live/run-live.js')).runLive(o, out, io.stderr);
    else await runFile(o, out);
    await out.end();
    return 0;
  } catch (e) {
    await out?.end();
    if (e instanceof UsageError) {
      err(e.message);
      return 2;
    }
    if (e instanceof CaptureFileError) {
      err(e.message);
      return e.kind === 'io' || e.kind === 'unknown-format' || e.kind === 'unsupported' ? 2 : 1;
    }
    err(`internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    undoDecodeAs?.();
  }
}
