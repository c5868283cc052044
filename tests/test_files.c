/* Problem and plan files that are not whole: an empty file is refused, a truncated .pb is refused
 * unless the cut falls exactly between two top-level fields (which protobuf cannot tell from a
 * smaller batch: README "Problem files"), and an interrupted write leaves the old file intact. */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "batch_io.h"
#include "file.h"
#include "out_file.h"
#include "test.h"

static char dir[] = "/tmp/test_files.XXXXXX";

static void write_bytes(const char *path, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    fwrite(bytes, 1, len, f);
    fclose(f);
}

static char *slurp(const char *path, size_t *len)
{
    SrcError err = {{0}};
    return read_whole_file(path, SIZE_MAX, len, &err);
}

/* The files in dir other than keep: an interrupted write must leave none behind. */
static int stray_files(const char *keep)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.' && strcmp(e->d_name, keep);
    closedir(d);
    return n;
}

TEST(empty_files_are_refused)
{
    const char *names[] = {"empty.json", "empty.pb"};
    for (int i = 0; i < 2; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        write_bytes(path, "", 0);
        SrcError err = {{0}};
        Sourcing__Batch *b = src_read_batch(path, &err);
        CHECK_MSG(b == NULL, "%s read as a batch", names[i]);
        CHECK_STR_CONTAINS(err.message, "empty file");
        CHECK_STR_CONTAINS(err.message, names[i]);
        src_batch_free(b);
        Sourcing__Plan *p = src_read_plan(path, &err);
        CHECK_MSG(p == NULL, "%s read as a plan", names[i]);
        src_plan_free(p);
        unlink(path);
    }
}

/* Every prefix of a canonical .pb: refused, or exactly a message that packs to those bytes (a cut
 * between two top-level fields). Cuts inside a field must all be refused. */
TEST(truncated_pb_is_refused_unless_cut_between_fields)
{
    SrcError err = {{0}};
    Sourcing__Batch *full = src_read_batch("instances/handmade/penalty_many_lines.json", &err);
    CHECK_MSG(full != NULL, "%s", err.message);
    if (!full)
        return;
    char whole[256], cut[256];
    snprintf(whole, sizeof whole, "%s/whole.pb", dir);
    snprintf(cut, sizeof cut, "%s/cut.pb", dir);
    CHECK(src_write_message(whole, &full->base, &err) == 0);
    size_t len = 0;
    char *bytes = slurp(whole, &len);
    int refused = 0, at_boundary = 0, wrong = 0;
    for (size_t n = 1; n < len; n++) {
        write_bytes(cut, bytes, n);
        Sourcing__Batch *b = src_read_batch(cut, &err);
        if (!b) {
            refused++;
            continue;
        }
        uint8_t *again = malloc(n + 64);
        size_t packed = protobuf_c_message_get_packed_size(&b->base);
        if (packed == n && protobuf_c_message_pack(&b->base, again) == n && !memcmp(again, bytes, n))
            at_boundary++;
        else
            wrong++;
        free(again);
        src_batch_free(b);
    }
    size_t top_fields = full->n_nodes + full->n_orders + full->n_lanes + (full->name != NULL) +
                        full->has_default_unfilled_cost + (full->options != NULL);
    CHECK_MSG(wrong == 0, "%d prefixes read as something else than their bytes", wrong);
    CHECK_MSG(at_boundary > 0 && (size_t)at_boundary < top_fields, "%d cuts between fields, %zu fields",
              at_boundary, top_fields);
    CHECK_MSG(refused + at_boundary == (int)len - 1 && refused > at_boundary, "%d refused of %zu",
              refused, len - 1);
    free(bytes);
    src_batch_free(full);
    unlink(whole);
    unlink(cut);
}

/* A write that fails half way (the file size limit makes fwrite fail, as a full disk would) in a
 * child: the old file is still whole and no temporary file is left. */
TEST(failed_write_leaves_the_old_file)
{
    SrcError err = {{0}};
    Sourcing__Batch *small = src_read_batch("instances/handmade/hard_sla.json", &err);
    Sourcing__Batch *big = src_read_batch("instances/handmade/penalty_many_lines.json", &err);
    CHECK(small && big);
    if (!small || !big)
        return;
    const char *names[] = {"plan.json", "plan.pb"};
    for (int i = 0; i < 2; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        CHECK(src_write_message(path, &small->base, &err) == 0);
        size_t before_len = 0, after_len = 0;
        char *before = slurp(path, &before_len);
        pid_t pid = fork();
        if (pid == 0) {
            signal(SIGXFSZ, SIG_IGN);
            struct rlimit lim = {before_len / 2, before_len / 2};
            setrlimit(RLIMIT_FSIZE, &lim);
            _exit(src_write_message(path, &big->base, &err) == 0 ? 0 : 3);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 3, "%s: status %d", names[i], status);
        char *after = slurp(path, &after_len);
        CHECK_MSG(after_len == before_len && !memcmp(before, after, before_len),
                  "%s: %zu bytes before, %zu after", names[i], before_len, after_len);
        CHECK_MSG(stray_files(names[i]) == 0, "%s: a temporary file was left", names[i]);
        free(before);
        free(after);
        unlink(path);
    }
    src_batch_free(small);
    src_batch_free(big);
}

/* A writer killed half way never shows a partial file under the target's name. */
TEST(killed_writer_leaves_the_old_file)
{
    char path[256];
    snprintf(path, sizeof path, "%s/killed.csv", dir);
    write_bytes(path, "old\n", 4);
    pid_t pid = fork();
    if (pid == 0) {
        OutFile out;
        SrcError err = {{0}};
        if (out_file_open(&out, path, &err))
            _exit(3);
        fputs("half a ne", out.f);
        fflush(out.f);
        _exit(0);                       /* as if killed: no out_file_close */
    }
    int status = 0;
    waitpid(pid, &status, 0);
    size_t len = 0;
    char *after = slurp(path, &len);
    CHECK_MSG(len == 4 && !memcmp(after, "old\n", 4), "the target holds %zu other bytes", len);
    free(after);
    unlink(path);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    RUN(empty_files_are_refused);
    RUN(truncated_pb_is_refused_unless_cut_between_fields);
    RUN(failed_write_leaves_the_old_file);
    RUN(killed_writer_leaves_the_old_file);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    TEST_EXIT();
}
