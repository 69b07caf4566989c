// The protocol packages the CLI ships (packages/cli/src/protocols.ts):
// importing one registers its dissectors with the core's registry.
export async function loadProtocolPackages() {
  await import('@netdissect/dns');
  await import('@netdissect/http');
  await import('@netdissect/ftp');
  await import('@netdissect/smtp');
  await import('@netdissect/pop3');
  await import('@netdissect/imap');
}
