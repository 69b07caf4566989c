#!/usr/bin/env bash
# Record the lab captures in test/lab-traffic/captures/: what a student sees
# when running dig, "telnet host 25", POP3, IMAP, FTP (passive and active),
# HTTP and ping with IP options against real servers (unbound, exim, dovecot, vsftpd, nginx),
# each server in a network namespace of its own and the clients in another,
# joined by a veth pair (10.77.0.0/24, fd77::/64). Nothing leaves the two
# namespaces, which are deleted at the end.
#
# The captures are committed; this script is only run to make them again
# (new timestamps and ports, so the goldens must then be recorded again:
# node scripts/record-goldens.mjs --set cli --only lab-). Names given as
# arguments (lab-dns lab-ip-options ...) record only those captures.
#
# Needs root and: apt-get install unbound exim4-daemon-light dovecot-imapd
#   dovecot-pop3d vsftpd nginx-light bind9-dnsutils tnftp netcat-openbsd tcpdump curl python3 nftables ethtool iputils-ping
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out="$here/captures"
for tool in ip unbound exim4 dovecot vsftpd nginx dig ftp nc tcpdump curl python3 nft ethtool ping; do
  command -v "$tool" >/dev/null || { echo "record-lab-traffic: $tool is missing (see the apt-get line at the top of this script)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "record-lab-traffic: must run as root (network namespaces)" >&2; exit 2; }

work=$(mktemp -d /tmp/nd-lab.XXXXXX)
chmod 755 "$work"
tag=$$
srv="nd-lab-$tag-srv"
cli="nd-lab-$tag-cli"
SERVER=10.77.0.1
SERVER6=fd77::1

cleanup() {
  for ns in "$srv" "$cli"; do
    if ip netns list | grep -q "^$ns\b"; then
      for pid in $(ip netns pids "$ns"); do kill "$pid" 2>/dev/null || true; done
    fi
  done
  sleep 0.5
  for ns in "$srv" "$cli"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# The two namespaces and the link between them.
ip netns add "$srv"
ip netns add "$cli"
ip link add ndlab${tag}s netns "$srv" type veth peer name ndlab${tag}c netns "$cli"
ip -n "$srv" addr add $SERVER/24 dev ndlab${tag}s
ip -n "$cli" addr add 10.77.0.2/24 dev ndlab${tag}c
ip -n "$srv" addr add $SERVER6/64 dev ndlab${tag}s nodad
ip -n "$cli" addr add fd77::2/64 dev ndlab${tag}c nodad
for ns in "$srv" "$cli"; do ip -n "$ns" link set lo up; done
ip -n "$srv" link set ndlab${tag}s up
ip -n "$cli" link set ndlab${tag}c up
# No router solicitations or MLD reports from the fresh interfaces in the captures.
for ns in "$srv" "$cli"; do
  ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.router_solicitations=0 net.ipv6.conf.default.router_solicitations=0 || true
done
sleep 1

in_srv() { ip netns exec "$srv" "$@"; }
in_cli() { ip netns exec "$cli" "$@"; }

# The servers' files, from the configurations beside this script.
for conf in "$here"/servers/*.conf; do sed "s#@WORK@#$work#g" "$conf" > "$work/$(basename "$conf")"; done
mkdir -p "$work/nginx/html" "$work/nginx/logs" "$work/dovecot/run" "$work/mail/student/"{cur,new,tmp} \
  "$work/ftp/pub" "$work/ftp/incoming" "$work/vsftpd-empty" "$work/nginx/body" "$work/nginx/html/docs" "$work/exim/spool" "$work/exim/log"
cp "$here"/servers/site/* "$work/nginx/html/"
cp "$here"/servers/site/notes.txt "$work/ftp/pub/notes.txt"
# A download long enough for the TCP analysis lab (about 100 segments).
python3 -c 'import sys; sys.stdout.write("".join(f"{i:06d} retransmissions, duplicate ACKs and SACK blocks\n" for i in range(2600)))' > "$work/nginx/html/long.txt"
echo "Welcome to the lab FTP server" > "$work/ftp/README"
chown ftp "$work/ftp/incoming"
echo "Lab documents" > "$work/nginx/html/docs/index.html"
chown -R www-data "$work/nginx/html" "$work/nginx/body"
echo 'student:{PLAIN}networks' > "$work/dovecot/users"
cp "$here"/servers/mail/*.eml "$work/mail/student/new/"
chown -R 8:8 "$work/mail" && chmod -R 700 "$work/mail"
touch "$work/exim/mailbox" && chown mail "$work/exim/mailbox"
chown Debian-exim "$work/exim/spool" "$work/exim/log"

in_srv unbound -c "$work/unbound.conf" >"$work/unbound.log" 2>&1 &
in_srv nginx -c "$work/nginx.conf" -p "$work/nginx" >"$work/nginx.log" 2>&1 &
in_srv dovecot -F -c "$work/dovecot.conf" >"$work/dovecot.log" 2>&1 &
in_srv vsftpd "$work/vsftpd.conf" >"$work/vsftpd.log" 2>&1 &
in_srv exim4 -C "$work/exim.conf" -bd >"$work/exim.log" 2>&1 &
sleep 2

# Capture what the client side sees while `run` runs one scenario.
record() {
  local name=$1
  shift
  # A simple command (not a function) in the background: $! is tcpdump itself, which ip netns exec becomes.
  ip netns exec "$cli" tcpdump -i ndlab${tag}c -s 0 -U -w "$work/$name.pcap" 2>/dev/null &
  local dump=$!
  sleep 1
  "$@"
  sleep 1
  # SIGTERM: a background job of a script ignores SIGINT.
  kill -TERM "$dump"
  wait "$dump" || true
  mkdir -p "$out"
  cp "$work/$name.pcap" "$out/$name.pcap"
  echo "recorded $out/$name.pcap ($(stat -c %s "$out/$name.pcap") bytes)"
}

# Type lines into a TCP connection as a student at a telnet prompt would: one argument per Enter, a pause
# between. An argument holding several CRLF-joined lines goes in one write, as from a pipelining client.
typed() {
  local host=$1 port=$2
  shift 2
  { for line in "$@"; do sleep 0.3; printf '%s\r\n' "$line"; done; sleep 0.5; } | in_cli nc -q 1 "$host" "$port" >/dev/null
}

dns_lab() {
  in_cli dig @$SERVER www.lab.example
  in_cli dig @$SERVER6 www.lab.example AAAA
  in_cli dig @$SERVER lab.example MX
  in_cli dig @$SERVER lab.example TXT
  in_cli dig @$SERVER ftp.lab.example
  in_cli dig @$SERVER _imap._tcp.lab.example SRV
  in_cli dig @$SERVER -x $SERVER
  in_cli dig @$SERVER nosuch.lab.example
  in_cli dig @$SERVER lab.example SOA +tcp
  in_cli dig @$SERVER lab.example NS +dnssec +norecurse
  # Truncated over UDP (no EDNS: 512 bytes), asked again over TCP.
  in_cli dig @$SERVER big.lab.example TXT +noedns
  in_cli dig @$SERVER6 www.lab.example AAAA +tcp
  in_cli dig @$SERVER lab.example AXFR
  in_cli dig @$SERVER version.bind TXT CH
  in_cli dig @$SERVER www.lab.example TYPE65534 +nsid
} >/dev/null

smtp_lab() {
  # "telnet mail.lab.example 25", by hand: a typo, AUTH LOGIN, a relay refused, one message.
  typed $SERVER 25 'EHLO student-pc' 'MAIL FORM:<student@lab.example>' 'AUTH LOGIN' "$(printf student | base64)" "$(printf networks | base64)" \
    'MAIL FROM:<student@lab.example>' 'RCPT TO:<teacher@lab.example>' 'RCPT TO:<someone@elsewhere.example>' 'DATA' \
    'From: Student <student@lab.example>' 'To: Teacher <teacher@lab.example>' 'Subject: Lab 2 done' '' 'Here is my capture.' '.' 'QUIT'
  # Pipelining: the envelope and DATA in one segment, as a client does after EHLO offered PIPELINING.
  # (QUIT goes on its own: in the terminator's segment tshark 4.0 drops it, netdissect shows it; see the smtp package.)
  typed $SERVER 25 'EHLO student-pc' $'MAIL FROM:<student@lab.example>\r\nRCPT TO:<teacher@lab.example>\r\nDATA' \
    $'Subject: pipelined\r\n\r\nSent in one go.\r\n.' 'QUIT'
  # CHUNKING: the message in BDAT chunks instead of DATA.
  typed $SERVER 25 'EHLO student-pc' 'MAIL FROM:<student@lab.example>' 'RCPT TO:<teacher@lab.example>' \
    $'BDAT 28\r\nSubject: chunked\r\n\r\nPart 1' $'BDAT 10 LAST\r\n of 2.\r\n' 'QUIT'
  # A mail client: AUTH PLAIN and a MIME message with an attachment.
  in_cli python3 - "$SERVER" "$here/servers/site/notes.txt" <<'EOF'
import smtplib, sys
from email.message import EmailMessage
msg = EmailMessage()
msg['From'] = 'Student <student@lab.example>'
msg['To'] = 'teacher@lab.example'
msg['Subject'] = 'Lab 3 report'
msg.set_content('The report is attached.\n')
with open(sys.argv[2], 'rb') as f:
    msg.add_attachment(f.read()[:2000], maintype='text', subtype='plain', filename='notes.txt')
with smtplib.SMTP(sys.argv[1], 25, local_hostname='student-pc') as s:
    s.login('student', 'networks')
    s.send_message(msg)
EOF
}

pop3_lab() {
  typed $SERVER 110 'CAPA' 'USER student' 'PASS wrong' 'USER student' 'PASS networks' 'STAT' 'LIST' 'UIDL' 'TOP 1 0' 'RETR 2' 'NOOP' 'QUIT'
  # SASL PLAIN instead of USER/PASS, then a message marked for deletion and the deletion undone.
  typed $SERVER 110 "AUTH PLAIN $(printf '\0student\0networks' | base64)" 'LIST 1' 'DELE 1' 'RSET' 'QUIT'
}

imap_lab() {
  typed $SERVER 143 'a1 CAPABILITY' 'a2 LOGIN student networks' 'a3 LIST "" "*"' 'a4 SELECT INBOX' 'a5 FETCH 1:* (FLAGS ENVELOPE)' \
    'a6 FETCH 2 BODY[]' 'a7 STORE 1 +FLAGS (\Seen)' 'a8 SEARCH UNSEEN' 'a9 IDLE' 'DONE' \
    'a10 APPEND INBOX (\Draft) {33}' 'Subject: draft' '' 'Not sent yet.' '' 'a11 STATUS INBOX (MESSAGES UNSEEN)' \
    'a12 UID FETCH 1:* (UID RFC822.SIZE)' 'a13 CLOSE' 'a14 LOGOUT'
}

# tnftp with the commands a student types; $1 is -p (passive) or -A (active), $2 the server, $3 the upload's name.
# "epsv4 off" makes it use the textbook PASV/PORT on IPv4; over IPv6 only EPSV/EPRT exist.
ftp_lab() {
  local mode=$1 host=$2 upload=$3
  (cd "$work" && printf 'user anonymous student@lab.example\nepsv4 off\npwd\nls\ncd pub\nget notes.txt\nget missing.txt\nascii\nget notes.txt notes-ascii.txt\nbinary\ncd ../incoming\nput notes.txt %s\nquit\n' "$upload" |
    in_cli ftp -n "$mode" "$host" >/dev/null 2>&1)
}

# Over IPv6: a listing in passive mode (EPSV), then active mode (EPRT) for a download.
ftp_ipv6_lab() {
  (cd "$work" && printf 'user anonymous student@lab.example\nls\npassive off\ncd pub\nget notes.txt\nquit\n' | in_cli ftp -n -p "$SERVER6" >/dev/null 2>&1)
}

http_lab() {
  local c=(in_cli curl -s -o /dev/null --resolve www.lab.example:80:$SERVER)
  "${c[@]}" http://www.lab.example/
  "${c[@]}" -I http://www.lab.example/
  "${c[@]}" --compressed http://www.lab.example/notes.txt
  "${c[@]}" http://www.lab.example/labs.json http://www.lab.example/missing.html
  "${c[@]}" -d 'name=student&lab=3' http://www.lab.example/form
  "${c[@]}" -r 0-99 http://www.lab.example/notes.txt
  in_cli curl -s -o /dev/null -g "http://[$SERVER6]/"
  "${c[@]}" http://www.lab.example/docs
  "${c[@]}" -z 'Jan 1 2020' http://www.lab.example/index.html
  "${c[@]}" -0 http://www.lab.example/labs.json
  "${c[@]}" -H 'Expect: 100-continue' -T "$here/servers/site/labs.json" http://www.lab.example/uploads/labs.json
  "${c[@]}" -H 'Transfer-Encoding: chunked' -d @"$here/servers/site/index.html" http://www.lab.example/form
  in_cli curl -s -o /dev/null http://$SERVER:8080/
  # Two requests in one segment (HTTP/1.1 pipelining), typed into a raw connection.
  typed $SERVER 80 $'GET / HTTP/1.1\r\nHost: www.lab.example\r\n\r\nGET /labs.json HTTP/1.1\r\nHost: www.lab.example\r\nConnection: close\r\n'
} >/dev/null

# A lossy path: the client drops 5% of what the server sends after tcpdump saw it (netem is not
# always available; nftables is), so the server retransmits, the client sends duplicate ACKs with
# SACK blocks. Segmentation offloads off, so that each segment is a frame of its own.
tcp_loss_lab() {
  in_srv ethtool -K ndlab${tag}s tso off gso off gro off
  in_cli ethtool -K ndlab${tag}c tso off gso off gro off
  in_cli nft add table inet lab
  in_cli nft add chain inet lab in '{ type filter hook input priority 0; }'
  in_cli nft add rule inet lab in tcp sport 80 numgen random mod 100 lt 5 drop
  in_cli curl -s -o /dev/null --resolve www.lab.example:80:$SERVER http://www.lab.example/long.txt
  in_cli nft delete table inet lab
}

# The IP options of the textbook's ping exercises: record route, then time stamps alone, with the
# addresses of the hosts that stamped them, and for prespecified hosts (the server answers both ways).
ip_options_lab() {
  in_cli ping -c 2 -i 0.3 -R $SERVER
  in_cli ping -c 2 -i 0.3 -T tsonly $SERVER
  in_cli ping -c 2 -i 0.3 -T tsandaddr $SERVER
  in_cli ping -c 1 -T tsprespec $SERVER 10.77.0.2 $SERVER
} >/dev/null

wanted() { [ $# -eq 0 ] || [[ " $* " == *" $scenario "* ]]; }
for entry in "lab-dns dns_lab" "lab-smtp smtp_lab" "lab-pop3 pop3_lab" "lab-imap imap_lab" \
  "lab-ftp-passive ftp_lab -p $SERVER report-passive.txt" "lab-ftp-active ftp_lab -A $SERVER report-active.txt" \
  "lab-ftp-ipv6 ftp_ipv6_lab" "lab-http http_lab" "lab-tcp-loss tcp_loss_lab" "lab-ip-options ip_options_lab"; do
  read -r scenario run <<<"$entry"
  # shellcheck disable=SC2086 # the scenario's function and its arguments
  if wanted "$@"; then record $scenario $run; fi
done
