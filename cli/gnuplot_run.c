/* gnuplot_run.h: posix_spawnp with redirections, then waitpid polled against a deadline. */
#include "gnuplot_run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The first line of what gnuplot wrote on stderr, into line ("" when nothing). */
static void first_error_line(const char *err_path, char *line, size_t size)
{
    line[0] = '\0';
    FILE *f = fopen(err_path, "r");
    if (!f)
        return;
    while (fgets(line, (int)size, f) && strspn(line, " \t\r\n^") == strlen(line))
        ;
    fclose(f);
    line[strcspn(line, "\r\n")] = '\0';
}

/* Waits for pid until the timeout; its wait status, or -1 after killing it. */
static int wait_bounded(pid_t pid, double timeout, int *status)
{
    double deadline = now() + timeout;
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid)
            return 0;
        if (r < 0 && errno != EINTR)
            return -1;
        if (now() > deadline) {
            kill(pid, SIGKILL);
            while (waitpid(pid, status, 0) < 0 && errno == EINTR)
                ;
            return -1;
        }
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
}

static int spawn(pid_t *pid, const char *script_path, const char *out_path, const char *err_path)
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa))
        return ENOMEM;
    int rc = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    if (!rc)
        rc = posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (!rc)
        rc = posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    char *argv[] = {"gnuplot", "-d", (char *)script_path, NULL};
    if (!rc)
        rc = posix_spawnp(pid, "gnuplot", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    return rc;
}

int gnuplot_run(const char *script_path, const char *out_path, const char *err_path, double timeout, SrcError *err)
{
    pid_t pid;
    int rc = spawn(&pid, script_path, out_path, err_path);
    if (rc == ENOENT)
        return src_error_set(err, "gnuplot not found on PATH: the report's charts are drawn with it; "
                                  "install it (Debian: apt-get install gnuplot-nox, as scripts/install-deps.sh does)");
    if (rc)
        return src_error_set(err, "cannot start gnuplot: %s", strerror(rc));
    int status = 0;
    if (wait_bounded(pid, timeout, &status))
        return src_error_set(err, "gnuplot did not finish %s within %g s and was stopped (--chart-timeout)",
                             script_path, timeout);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    char line[300];
    first_error_line(err_path, line, sizeof line);
    if (WIFSIGNALED(status))
        return src_error_set(err, "gnuplot was killed by signal %d on %s: %s", WTERMSIG(status), script_path, line);
    return src_error_set(err, "gnuplot failed (exit %d) on %s: %s", WEXITSTATUS(status), script_path, line);
}
