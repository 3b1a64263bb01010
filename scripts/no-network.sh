#!/usr/bin/env bash
# kindly has no network code: no networking crates in Cargo.lock, and no sockets in src/.
# (mio is allowed: crossterm uses it to wait on the terminal, not the network.)
set -euo pipefail
cd "$(dirname "$0")/.."
deny='reqwest|hyper|hyper-util|ureq|curl|curl-sys|isahc|surf|attohttpc|h2|h3|quinn|tokio|async-std|smol|rustls|native-tls|openssl|tungstenite|socket2|trust-dns-resolver|hickory-resolver|url'
if grep -En "^name = \"($deny)\"$" Cargo.lock; then
  echo "no-network: a networking crate is in Cargo.lock (above); kindly must not talk to the network" >&2
  exit 1
fi
if grep -rnE 'std::net|TcpStream|UdpSocket|TcpListener' src/; then
  echo "no-network: socket code in src/ (above)" >&2
  exit 1
fi
echo "no-network: no networking crates or socket code"
