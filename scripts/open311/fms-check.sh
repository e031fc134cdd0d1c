#!/bin/sh
# Starts a demo local server, makes an Open311 key as demo-admin and runs fms-check.pl against it
# (FixMyStreet's way of reading the XML). Needs perl with XML::Simple, curl and node. docs/open311.md.
set -e
PORT=${PORT:-8797}
DATA=$(mktemp -d)
PORT=$PORT DATA_DIR=$DATA CIVIC_DEMO=1 CIVIC_DEMO_ACTIVITY=0 node --import tsx cloud/server/main.ts > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER; rm -rf "$DATA"' EXIT
for i in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.5; done
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data['"$1"']))'; }
TOKEN=$(curl -s -X POST -H 'content-type: application/json' -d '{"openid":"demo-admin"}' "http://127.0.0.1:$PORT/api/login" | json '"token"')
KEY=$(curl -s -X POST -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '{"action":"createKey","data":{"partner":"FixMyStreet 试验"}}' "http://127.0.0.1:$PORT/api/open311" | json '"apiKey"')
perl "$(dirname "$0")/fms-check.pl" "http://127.0.0.1:$PORT/open311/v2/" "$KEY"
