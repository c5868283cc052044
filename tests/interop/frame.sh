# gRPC-style framing in plain shell (sourced by the interop tests): no protobuf library at all.
#   frame FILE           the frame of FILE's bytes on stdout: flag 0, 4-byte big-endian length, bytes
#   read_frame FD OUT    reads one frame from file descriptor FD, writes its bytes to OUT
frame() {
    local len
    len=$(stat -c %s "$1")
    printf '\x00'
    printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((len >> 24 & 255)) $((len >> 16 & 255)) \
        $((len >> 8 & 255)) $((len & 255)))"
    cat "$1"
}

read_frame() {
    local fd=$1 out=$2 b
    b=($(head -c 5 <&"$fd" | od -An -tu1))
    [ "${#b[@]}" = 5 ] && [ "${b[0]}" = 0 ] || return 1
    head -c $(((b[1] << 24) + (b[2] << 16) + (b[3] << 8) + b[4])) <&"$fd" >"$out"
}
