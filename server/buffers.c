/* The global budget of buffered bytes (buffers.h). */
#include <event2/buffer.h>
#include <malloc.h>
#include <stdio.h>

#include "buffers.h"

static void on_buffer_change(struct evbuffer *buffer, const struct evbuffer_cb_info *info, void *arg)
{
    (void)buffer;
    (void)info;
    buffers_update(arg);
}

void buffers_track(Conn *c)
{
    c->input_cb = evbuffer_add_cb(bufferevent_get_input(c->bev), on_buffer_change, c);
    c->output_cb = evbuffer_add_cb(bufferevent_get_output(c->bev), on_buffer_change, c);
}

void buffers_untrack(Conn *c)
{
    if (c->input_cb)
        evbuffer_remove_cb_entry(bufferevent_get_input(c->bev), c->input_cb);
    if (c->output_cb)
        evbuffer_remove_cb_entry(bufferevent_get_output(c->bev), c->output_cb);
    c->input_cb = c->output_cb = NULL;
}

static void on_trim(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    Server *s = arg;
    s->trim_pending = 0;
    malloc_trim(0);
}

void buffers_release(Conn *c)
{
    Server *s = c->server;
    c->held_in = c->held_out = 0;
    c->frame_expect = 0;
    buffers_update(c);
    /* libevent frees the buffers after the current callbacks (a finalizer): trim a little later */
    struct timeval soon = {0, BUFFERS_TRIM_DELAY_MS * 1000};
    if (c->peak_charge >= BUFFERS_TRIM_BYTES && !s->trim_pending &&
        event_base_once(s->base, -1, EV_TIMEOUT, on_trim, s, &soon) == 0)
        s->trim_pending = 1;
    c->peak_charge = 0;
}

void buffers_update(Conn *c)
{
    size_t now = c->held_in + c->held_out;
    if (c->bev) {
        size_t in = evbuffer_get_length(bufferevent_get_input(c->bev));
        now += (in > c->frame_expect ? in : c->frame_expect) +
               evbuffer_get_length(bufferevent_get_output(c->bev));
    }
    c->server->buffered += now - c->charge;       /* modular: a decrease wraps back */
    c->charge = now;
    if (now > c->peak_charge)
        c->peak_charge = now;
}

void buffers_hold(Conn *c, long in_delta, long out_delta)
{
    c->held_in = (size_t)((long)c->held_in + in_delta);
    c->held_out = (size_t)((long)c->held_out + out_delta);
    buffers_update(c);
}

int buffers_admits(const Conn *c, size_t more)
{
    const Server *s = c->server;
    return s->buffered <= s->config.max_buffered_bytes &&
           more <= s->config.max_buffered_bytes - s->buffered;
}

void buffers_shed(Conn *c, const char *what, uint32_t len, char *message, size_t size)
{
    Server *s = c->server;
    snprintf(message, size,
             "the server's buffers hold %zu MiB and this %s of %u bytes does not fit in "
             "--max-buffered-bytes (%zu MiB); it was dropped unread: retry later",
             s->buffered >> 20, what, len, s->config.max_buffered_bytes >> 20);
    s->metrics.frames_shed++;
}

int buffers_behind(const Conn *c)
{
    size_t unread = c->held_out + (c->bev ? evbuffer_get_length(bufferevent_get_output(c->bev)) : 0);
    return unread >= BUFFERS_SLOW_READER_BYTES;
}

uint64_t buffers_peek_request_id(const uint8_t *body, size_t n)
{
    if (n < 2 || body[0] != 0x08)                 /* field 1, varint */
        return 0;
    uint64_t id = 0;
    for (size_t i = 1; i < n && i <= 10; i++) {
        id |= (uint64_t)(body[i] & 0x7f) << (7 * (i - 1));
        if (!(body[i] & 0x80))
            return id;
    }
    return 0;
}
