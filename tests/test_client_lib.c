/* The C client library against a fake server played by the test itself: errors that name the
 * cause (refused, bad address, timeout, closed, a bad frame), and responses read by id with the
 * others kept for later. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "client.h"
#include "frame.h"
#include "test.h"

/* A listening loopback socket; *address gets "127.0.0.1:PORT". */
static int fake_listen(char *address, size_t size)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof sa;
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 4) < 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
        return -1;
    snprintf(address, size, "127.0.0.1:%d", ntohs(sa.sin_port));
    return fd;
}

static void fake_answer(int fd, uint64_t id, int status, const char *message)
{
    Sourcing__Response r = SOURCING__RESPONSE__INIT;
    r.has_request_id = r.has_status = 1;
    r.request_id = id;
    r.status = (Sourcing__StatusCode)status;
    r.message = (char *)message;
    size_t len = 0;
    uint8_t *frame = frame_pack(&r.base, &len);
    CHECK(frame && write(fd, frame, len) == (ssize_t)len);
    free(frame);
}

TEST(errors_name_the_cause)
{
    SrcError err = {{0}};
    CHECK(srv_client_connect("localhost", 1000, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "address 'localhost': expected HOST:PORT");
    char address[64];
    int fd = fake_listen(address, sizeof address);
    close(fd);                                         /* nobody listens there now */
    CHECK(srv_client_connect(address, 1000, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "connect to 127.0.0.1:");
    CHECK_STR_CONTAINS(err.message, "Connection refused");
}

TEST(reads_time_out_and_see_the_server_close)
{
    char address[64];
    int lfd = fake_listen(address, sizeof address);
    SrcError err = {{0}};
    SrvClient *c = srv_client_connect(address, 1000, &err);
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK(srv_client_send(c, srv_client_next_id(c), "Health", 0, NULL, &err) == 0);
    CHECK(srv_client_read(c, 50, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "timed out waiting for the server");
    int sfd = accept(lfd, NULL, NULL);
    close(sfd);
    CHECK(srv_client_read(c, 5000, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "the server closed the connection");
    srv_client_close(c);
    close(lfd);
}

TEST(responses_are_read_by_id_and_others_kept)
{
    char address[64];
    int lfd = fake_listen(address, sizeof address);
    SrcError err = {{0}};
    SrvClient *c = srv_client_connect(address, 1000, &err);
    int sfd = accept(lfd, NULL, NULL);
    CHECK(c && sfd >= 0);
    if (!c)
        return;
    fake_answer(sfd, 2, 0, "second");
    fake_answer(sfd, 3, 8, "third");
    fake_answer(sfd, 1, 0, "first");
    Sourcing__Response *r = srv_client_wait(c, 1, 5000, &err);
    CHECK(r && r->request_id == 1 && !strcmp(r->message, "first"));
    srv_response_free(r);
    r = srv_client_wait(c, 3, 5000, &err);
    CHECK(r && r->status == SOURCING__STATUS_CODE__RESOURCE_EXHAUSTED && !strcmp(r->message, "third"));
    srv_response_free(r);
    r = srv_client_read(c, 5000, &err);
    CHECK(r && r->request_id == 2 && !strcmp(r->message, "second"));
    srv_response_free(r);
    CHECK(write(sfd, "\x07\0\0\0\0", 5) == 5);        /* a flag byte no server sends */
    CHECK(srv_client_read(c, 5000, &err) == NULL);
    CHECK_STR_CONTAINS(err.message, "bad frame from the server: garbled frame header: flag byte 0x07");
    fake_answer(sfd, 9, 0, "kept");
    CHECK(!srv_client_closed_by_server(c, 200));      /* an answer, then silence: not closed */
    close(sfd);
    CHECK(srv_client_closed_by_server(c, 5000));
    r = srv_client_read(c, 10, &err);                 /* the answer read on the way was kept */
    CHECK(r && r->request_id == 9);
    srv_response_free(r);
    srv_client_close(c);
    close(lfd);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    RUN(errors_name_the_cause);
    RUN(reads_time_out_and_see_the_server_close);
    RUN(responses_are_read_by_id_and_others_kept);
    TEST_EXIT();
}
