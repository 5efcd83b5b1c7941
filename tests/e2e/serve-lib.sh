# Helpers for the serve-* end-to-end cases (sourced by their cmd).

# poll COMMAND: run it every 0.1 s until it succeeds, at most 10 s.
poll() {
	_i=0
	while ! eval "$1"; do
		_i=$((_i + 1))
		[ $_i -ge 100 ] && { echo "poll: timed out: $1"; return 1; }
		sleep 0.1
	done
}

# serve_start ARGS...: start "$SETARA ARGS --listen 127.0.0.1:0" in the
# background, its stderr in serve.log; wait until it listens and set
# PORT and SERVE_PID.
serve_start() {
	$SETARA "$@" --listen 127.0.0.1:0 2>serve.log &
	SERVE_PID=$!
	poll 'grep -q "listening on" serve.log' || return 1
	PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' \
		serve.log)
}

# code METHOD PATH [FILE] [CURL ARGS...]: one request; prints "METHOD
# PATH: STATUS", keeps the body in ./body and the headers in ./headers.
code() {
	_m=$1; _p=$2; shift 2
	if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
		_f=$1; shift
		set -- --data-binary "@$_f" -H 'Content-Type: application/xml' "$@"
	fi
	rm -f body
	_c=$(curl -s -X "$_m" -o body -D headers -w '%{http_code}' "$@" \
		"http://127.0.0.1:$PORT$_p")
	echo "$_m $_p: $_c"
}

# json EXPR: a Python expression over the body's JSON (d).
json() {
	python3 -c "import json; d = json.load(open('body')); print($1)"
}

# summary: a verdict's result and its failing or unmade checks.
summary() {
	json '"  %s %s" % (d["result"], ", ".join("%s %s" % (c["check"], c["status"]) for c in d["checks"] if c["status"] != "pass"))'
}

# error: an error body's status, code and message.
error() {
	json '"  %s %s: %s" % (d["error"]["status"], d["error"]["code"], d["error"]["message"])'
}

# trickle PATH FILE: POST FILE 4 kB every 0.1 s (never silent for long),
# then print the status and the verdict's result.
trickle() {
	python3 - "$PORT" "$1" "$2" <<'PY'
import json, socket, sys, time
port, path, name = int(sys.argv[1]), sys.argv[2], sys.argv[3]
data = open(name, "rb").read()
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          b"Content-Length: %d\r\n\r\n" % (path.encode(), len(data)))
for i in range(0, len(data), 4096):
    s.sendall(data[i:i + 4096])
    time.sleep(0.1)
reply = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    reply += chunk
head, _, body = reply.partition(b"\r\n\r\n")
status = head.split(b" ")[1].decode() if head else "none"
try:
    result = json.loads(body)["result"]
except Exception:
    result = "no verdict"
print(status, result)
PY
}

# upload_page FILE: an HTML page that posts FILE's text through the
# service's form (the field a person pastes into) as soon as it loads:
# the way a headless browser submits the form without a person.
upload_page() {
	python3 - "$PORT" "$1" <<'PY'
import html, sys
port, name = sys.argv[1], sys.argv[2]
doc = open(name, encoding="utf-8").read()
print('<!DOCTYPE html><html lang="en"><head><title>upload</title></head>'
      '<body><form id="f" method="post" enctype="multipart/form-data" '
      'action="http://127.0.0.1:%s/"><textarea name="xml">%s</textarea>'
      '</form><script>document.getElementById("f").submit();</script>'
      '</body></html>' % (port, html.escape(doc)))
PY
}
