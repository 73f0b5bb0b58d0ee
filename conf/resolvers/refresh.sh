#!/usr/bin/env bash
# Rebuilds public-resolvers.txt (the public-resolver interceptor's prefix list) from what the operators
# publish. Run it by hand or from cron on a machine with Internet access, then copy the file to the Flume
# hosts and restart the agents (the list is read at start). The agents themselves never download anything.
#
#   conf/resolvers/refresh.sh [OUTPUT]        (default: public-resolvers.txt beside this script)
#
# Needs: dig (Debian: bind9-dnsutils), curl, python3. Fails, leaving OUTPUT untouched, when a source gives
# nothing: a half-empty list would silently stop marking an operator.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/public-resolvers.txt}"
tmp="$(mktemp "${out}.XXXXXX")"
trap 'rm -f "$tmp"' EXIT

section() { # operator, source text; prefixes on stdin
  local name="$1" source="$2" prefixes
  prefixes="$(grep -E '^[0-9a-fA-F:.]+/[0-9]+$' | sort -u || true)"
  if [[ -z "$prefixes" ]]; then
    echo "refresh.sh: no prefixes for $name from $source; $out left unchanged" >&2
    exit 1
  fi
  printf '\n# --- %s ---\n# Source: %s\n' "$name" "$source" >>"$tmp"
  awk -v n="$name" '{ printf "%-22s %s\n", $1, n }' <<<"$prefixes" >>"$tmp"
  echo "$name: $(wc -l <<<"$prefixes") prefixes" >&2
}

announced() { # AS number -> its announced prefixes (RIPEstat)
  curl -fsS --max-time 60 "https://stat.ripe.net/data/announced-prefixes/data.json?resource=AS$1" |
    python3 -c 'import json,sys; [print(p["prefix"]) for p in json.load(sys.stdin)["data"]["prefixes"]]'
}

cat >"$tmp" <<HEADER
# Public resolvers' egress ranges: the addresses an authoritative server sees their queries come from.
# Read by the public-resolver interceptor (prefixFiles); one "<prefix> <operator>" per line, '#' comments.
# The most specific prefix wins; the operator name is written to the pub_resolver column.
# Generated $(date -u +%Y-%m-%dT%H:%M:%SZ) by conf/resolvers/refresh.sh.
HEADER

# Google publishes its resolvers' egress subnets as TXT records "<prefix> <IATA code>".
dig +short +time=10 +tries=3 TXT locations.publicdns.goog @8.8.8.8 | tr -d '"' | awk '{ print $1 }' |
  section Google "TXT locations.publicdns.goog (Google Public DNS FAQ)"

{ curl -fsS --max-time 60 https://www.cloudflare.com/ips-v4; echo
  curl -fsS --max-time 60 https://www.cloudflare.com/ips-v6; echo; } |
  section Cloudflare "www.cloudflare.com/ips-v4 and ips-v6"

# Neither publishes an egress list: their networks' announced prefixes stand in.
announced 19281 | section Quad9 "prefixes announced by AS19281 (RIPEstat)"
{ announced 36692; announced 30607; } | section OpenDNS "prefixes announced by AS36692 and AS30607 (RIPEstat)"

chmod 644 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
echo "wrote $out" >&2
