/* The global budget of buffered bytes (--max-buffered-bytes): what every connection holds of
 * requests being read (the input buffer, or the whole frame once its header announced it) and
 * of answers not yet written (the output buffer, and a gRPC stream's answer waiting for the
 * client's flow-control window), summed in Server.buffered. Loop thread only.
 *
 * Over the budget, the server sheds load: a new frame that does not fit is refused
 * RESOURCE_EXHAUSTED and its bytes dropped unread (frames of BUFFERS_SMALL_FRAME bytes or less,
 * such as Health, always pass), and a connection with 64 KiB or more of answers waiting unread
 * when another answer does not fit is closed as a slow reader. */
#ifndef SRV_BUFFERS_H
#define SRV_BUFFERS_H

#include <stddef.h>
#include <stdint.h>

#include "conn.h"

#define BUFFERS_SMALL_FRAME 4096
#define BUFFERS_TRIM_BYTES ((size_t)4 << 20)   /* a connection that held this much: trim the heap */
#define BUFFERS_TRIM_DELAY_MS 50
#define BUFFERS_SLOW_READER_BYTES ((size_t)64 << 10)

/* Watches c's bufferevent buffers; every change updates the sums. */
void buffers_track(Conn *c);
/* Stops watching them (before the bufferevent is freed). */
void buffers_untrack(Conn *c);
/* After the connection's buffers and transport are freed: its charge goes to 0, and the heap is
 * trimmed when it held BUFFERS_TRIM_BYTES or more, so that the memory goes back to the system. */
void buffers_release(Conn *c);

/* Recomputes c's charge (after c->frame_expect or the transport's bytes changed). */
void buffers_update(Conn *c);
/* Bytes the transport holds outside the bufferevent: request bodies (in) and answers (out). */
void buffers_hold(Conn *c, long in_delta, long out_delta);

/* 1 when more bytes fit within --max-buffered-bytes. */
int buffers_admits(const Conn *c, size_t more);
/* A frame (what: "frame" or "message") of len bytes is shed: counts it and writes into message
 * what its client is told. */
void buffers_shed(Conn *c, const char *what, uint32_t len, char *message, size_t size);
/* 1 when c has at least BUFFERS_SLOW_READER_BYTES of answers its client has not read yet (the
 * kernel's socket buffers are full: a momentary backlog stays under it). */
int buffers_behind(const Conn *c);

/* The request id of a Request envelope from its first bytes (field 1 comes first as protobuf
 * writes it); 0 when those bytes do not start with it. */
uint64_t buffers_peek_request_id(const uint8_t *body, size_t n);

#endif
