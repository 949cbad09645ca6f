/* libfreexl in a forked child: see include/freexl_child.h. */
#define _GNU_SOURCE
#include "freexl_child.h"

#include <errno.h>
#include <fcntl.h>
#include <freexl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Child exit codes besides 0. */
enum { CHILD_NO_MEMORY = 3, CHILD_WRITE_FAILED = 4 };

/* ---------------------------------------------------------------- child side */

/* Buffered writes to the pipe; any failure ends the child. */
typedef struct {
    int fd;
    size_t used;
    unsigned char buffer[1 << 16];
} sink;

static void sink_flush(sink *s) {
    size_t done = 0;
    while (done < s->used) {
        ssize_t n = write(s->fd, s->buffer + done, s->used - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) _exit(CHILD_WRITE_FAILED);
        done += (size_t)n;
    }
    s->used = 0;
}

static void put(sink *s, const void *bytes, size_t count) {
    const unsigned char *p = bytes;
    while (count > 0) {
        if (s->used == sizeof s->buffer) sink_flush(s);
        size_t room = sizeof s->buffer - s->used;
        size_t n = count < room ? count : room;
        memcpy(s->buffer + s->used, p, n);
        s->used += n;
        p += n;
        count -= n;
    }
}

static void put_u8(sink *s, uint8_t v) { put(s, &v, 1); }
static void put_u16(sink *s, uint16_t v) { put(s, &v, 2); }
static void put_u32(sink *s, uint32_t v) { put(s, &v, 4); }
static void put_i32(sink *s, int32_t v) { put(s, &v, 4); }

static void put_text(sink *s, const char *text) {
    size_t length = strlen(text);
    if (length > UINT32_MAX - 1) length = UINT32_MAX - 1;
    put_u32(s, (uint32_t)length);
    put(s, text, length);
}

/* Shared strings: libfreexl returns the same pointer for every cell of one SST entry; each
 * is written once (FXC_DEFINE) and then referred to by index. Open addressing on the
 * pointer value. */
typedef struct {
    const char **keys;
    uint32_t *values;
    size_t capacity;
    size_t count;
} pointer_map;

static size_t slot_of(const pointer_map *m, const char *key) {
    uintptr_t h = (uintptr_t)key;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 7) & (m->capacity - 1);
    while (m->keys[i] != NULL && m->keys[i] != key) i = (i + 1) & (m->capacity - 1);
    return i;
}

static void map_grow(pointer_map *m) {
    pointer_map bigger = { NULL, NULL, m->capacity ? m->capacity * 2 : 1024, m->count };
    bigger.keys = calloc(bigger.capacity, sizeof *bigger.keys);
    bigger.values = calloc(bigger.capacity, sizeof *bigger.values);
    if (!bigger.keys || !bigger.values) _exit(CHILD_NO_MEMORY);
    for (size_t i = 0; i < m->capacity; i++) {
        if (m->keys[i] == NULL) continue;
        size_t j = slot_of(&bigger, m->keys[i]);
        bigger.keys[j] = m->keys[i];
        bigger.values[j] = m->values[i];
    }
    free(m->keys);
    free(m->values);
    *m = bigger;
}

/* The index of a shared string, defining it in the dump the first time. */
static uint32_t shared_index(pointer_map *m, sink *s, const char *text) {
    if ((m->count + 1) * 2 > m->capacity) map_grow(m);
    size_t i = slot_of(m, text);
    if (m->keys[i] == NULL) {
        m->keys[i] = text;
        m->values[i] = (uint32_t)m->count++;
        put_u8(s, FXC_DEFINE);
        put_text(s, text);
    }
    return m->values[i];
}

static void put_cell_head(sink *s, uint8_t kind, uint32_t row, uint16_t column) {
    put_u8(s, kind);
    put_u32(s, row);
    put_u16(s, column);
}

static void dump_sheet(const void *handle, sink *s, pointer_map *strings, const fxc_limits *limits) {
    unsigned int rows = 0;
    unsigned short columns = 0;
    int rc = freexl_worksheet_dimensions(handle, &rows, &columns);
    put_i32(s, rc);
    put_u32(s, rows);
    put_u16(s, columns);
    if (rc != FREEXL_OK) return;
    uint32_t row_count = rows < limits->max_rows ? rows : limits->max_rows;
    uint32_t column_count = columns < limits->max_columns ? columns : limits->max_columns;
    /* A sheet sized from its cells but given no cell array (libfreexl allocates the
     * active sheet's instead) refuses every cell, the first one included: skip it rather
     * than asking for up to 2^32 of them. */
    FreeXL_CellValue first;
    if (row_count > 0 && column_count > 0
        && freexl_get_cell_value(handle, 0, 0, &first) == FREEXL_ILLEGAL_CELL_ROW_COL)
        row_count = 0;
    for (uint32_t r = 0; r < row_count; r++) {
        for (uint32_t c = 0; c < column_count; c++) {
            FreeXL_CellValue value;
            if (freexl_get_cell_value(handle, r, (unsigned short)c, &value) != FREEXL_OK) continue;
            switch (value.type) {
            case FREEXL_CELL_INT:
                put_cell_head(s, FXC_INT, r, (uint16_t)c);
                put_i32(s, value.value.int_value);
                break;
            case FREEXL_CELL_DOUBLE:
                put_cell_head(s, FXC_DOUBLE, r, (uint16_t)c);
                put(s, &value.value.double_value, 8);
                break;
            case FREEXL_CELL_SST_TEXT: {
                if (value.value.text_value == NULL || value.value.text_value[0] == 0) break;
                uint32_t index = shared_index(strings, s, value.value.text_value);
                put_cell_head(s, FXC_SHARED, r, (uint16_t)c);
                put_u32(s, index);
                break;
            }
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_DATE:
            case FREEXL_CELL_DATETIME:
            case FREEXL_CELL_TIME:
                if (value.value.text_value == NULL || value.value.text_value[0] == 0) break;
                put_cell_head(s, FXC_TEXT, r, (uint16_t)c);
                put_u8(s, (uint8_t)(value.type - FREEXL_CELL_NULL));
                put_text(s, value.value.text_value);
                break;
            default:
                break;
            }
        }
    }
    put_u8(s, FXC_END);
}

static void put_info(sink *s, const void *handle, unsigned short what) {
    unsigned int value = 0;
    put_i32(s, freexl_get_info(handle, what, &value));
    put_u32(s, value);
}

/* The child: limits, default signal actions, libfreexl, the dump, _exit. Never returns. */
static void run_child(const char *path, int fd, const fxc_limits *limits) {
    /* A crash must end this process quietly: drop the handlers inherited from the caller
     * (Swift's backtracer, libFuzzer's crash handler) and any blocked signals. */
    static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS, SIGXCPU, SIGPIPE };
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) signal(fatal[i], SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    /* Nothing reaches the caller's terminal: glibc reports heap corruption on stderr. */
    int null_fd = open("/dev/null", O_RDWR);
    if (null_fd >= 0) {
        dup2(null_fd, 0);
        dup2(null_fd, 1);
        dup2(null_fd, 2);
        if (null_fd > 2 && null_fd != fd) close(null_fd);
    }

    /* Only the pipe stays open (as fd 3), so that no other thread's pipe is held open here. */
    if (fd != 3) {
        if (dup2(fd, 3) < 0) _exit(CHILD_WRITE_FAILED);
        fd = 3;
    }
#if defined(__linux__)
    if (close_range(4, ~0U, 0) != 0) {
        for (int other = 4; other < 65536; other++) close(other);
    }
#else
    for (int other = 4; other < 4096; other++) close(other);
#endif

    struct rlimit none_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &none_core);
    if (limits->cpu_seconds > 0) {
        struct rlimit cpu = { limits->cpu_seconds, limits->cpu_seconds + 1 };
        setrlimit(RLIMIT_CPU, &cpu);
    }
#if defined(__linux__)
    if (limits->memory_bytes > 0) {
        /* What the caller had mapped (first field of statm, in pages) plus the budget. */
        char text[128];
        int statm = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
        ssize_t n = statm >= 0 ? read(statm, text, sizeof text - 1) : -1;
        if (statm >= 0) close(statm);
        if (n > 0) {
            text[n] = 0;
            unsigned long long pages = strtoull(text, NULL, 10);
            rlim_t limit = (rlim_t)(pages * (unsigned long long)sysconf(_SC_PAGESIZE) + limits->memory_bytes);
            struct rlimit as = { limit, limit };
            setrlimit(RLIMIT_AS, &as);
        }
    }
#endif

    static sink s;
    s.fd = fd;
    s.used = 0;
    put(&s, "FXC1", 4);
    const void *handle = NULL;
    int rc = freexl_open(path, &handle);
    /* When a record fails to parse, freexl_open() can return FREEXL_OK with no handle
     * (its error code is not set on that path). */
    if (rc == FREEXL_OK && handle == NULL) rc = FREEXL_NULL_HANDLE;
    put_i32(&s, rc);
    if (rc == FREEXL_OK && handle != NULL) {
        put_info(&s, handle, FREEXL_BIFF_PASSWORD);
        put_info(&s, handle, FREEXL_BIFF_DATEMODE);
        unsigned int count = 0;
        int count_rc = freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &count);
        put_i32(&s, count_rc);
        put_u32(&s, count);
        unsigned int sheets = count_rc == FREEXL_OK ? (count < 65535 ? count : 65535) : 0;
        for (unsigned int i = 0; i < sheets; i++) {
            const char *name = NULL;
            int name_rc = freexl_get_worksheet_name(handle, (unsigned short)i, &name);
            put_i32(&s, name_rc);
            if (name_rc == FREEXL_OK && name != NULL) put_text(&s, name);
            else put_u32(&s, UINT32_MAX);
        }
        pointer_map strings = { NULL, NULL, 0, 0 };
        for (unsigned int i = 0; i < sheets; i++) {
            int select_rc = freexl_select_active_worksheet(handle, (unsigned short)i);
            put_i32(&s, select_rc);
            if (select_rc == FREEXL_OK) dump_sheet(handle, &s, &strings, limits);
        }
        /* No freexl_close(): the process ends here and the system takes everything back. */
    }
    put(&s, "FXCE", 4);
    sink_flush(&s);
    _exit(0);
}

/* --------------------------------------------------------------- parent side */

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Waits for the child; returns its wait status, or -1 when someone else reaped it. */
static int reap(pid_t pid) {
    int status = 0;
    for (;;) {
        pid_t got = waitpid(pid, &status, 0);
        if (got == pid) return status;
        if (got < 0 && errno == EINTR) continue;
        return -1;
    }
}

fxc_result fxc_read_workbook(const char *path, const fxc_limits *limits) {
    fxc_result result = { FXC_STATUS_SYSTEM, 0, NULL, 0 };
    int fds[2];
#if defined(__linux__)
    if (pipe2(fds, O_CLOEXEC) != 0) {
#else
    if (pipe(fds) != 0) {
#endif
        result.detail = errno;
        return result;
    }
    pid_t pid = fork();
    if (pid < 0) {
        result.detail = errno;
        close(fds[0]);
        close(fds[1]);
        return result;
    }
    if (pid == 0) {
        close(fds[0]);
        run_child(path, fds[1], limits);
    }
    close(fds[1]);

    size_t capacity = 1 << 16;
    unsigned char *data = malloc(capacity);
    size_t size = 0;
    long long deadline = now_ms() + limits->wall_milliseconds;
    fxc_status ended = FXC_STATUS_DONE;
    int detail = 0;
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0) { ended = FXC_STATUS_TIMED_OUT; break; }
        struct pollfd p = { fds[0], POLLIN, 0 };
        int ready = poll(&p, 1, left > 1000000 ? 1000000 : (int)left);
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) { ended = FXC_STATUS_SYSTEM; detail = errno; break; }
        if (ready == 0) continue;
        if (data == NULL || size == capacity) {
            size_t bigger = capacity * 2;
            unsigned char *grown = data ? realloc(data, bigger) : NULL;
            if (grown == NULL) { ended = FXC_STATUS_SYSTEM; detail = ENOMEM; break; }
            data = grown;
            capacity = bigger;
        }
        ssize_t n = read(fds[0], data + size, capacity - size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) { ended = FXC_STATUS_SYSTEM; detail = errno; break; }
        if (n == 0) break; /* end of the dump: the child is exiting */
        size += (size_t)n;
        if (size > limits->max_output_bytes) { ended = FXC_STATUS_OUTPUT_TOO_LARGE; break; }
    }
    close(fds[0]);
    if (ended != FXC_STATUS_DONE) kill(pid, SIGKILL);
    int status = reap(pid);

    int complete = size >= 8 && memcmp(data, "FXC1", 4) == 0 && memcmp(data + size - 4, "FXCE", 4) == 0;
    if (ended == FXC_STATUS_DONE) {
        if (status == -1) {
            /* Reaped elsewhere (SIGCHLD ignored): trust the trailer. */
            if (!complete) { ended = FXC_STATUS_CRASHED; detail = 0; }
        } else if (WIFSIGNALED(status)) {
            int sig = WTERMSIG(status);
            ended = sig == SIGXCPU || (sig == SIGKILL && limits->cpu_seconds > 0) ? FXC_STATUS_TIMED_OUT : FXC_STATUS_CRASHED;
            detail = sig;
        } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
            ended = FXC_STATUS_FAILED;
            detail = WEXITSTATUS(status);
        } else if (!complete) {
            ended = FXC_STATUS_FAILED;
            detail = 0;
        }
    }
    result.status = ended;
    result.detail = detail;
    if (ended == FXC_STATUS_DONE) {
        result.data = data;
        result.size = size;
    } else {
        free(data);
    }
    return result;
}

void fxc_result_free(fxc_result *result) {
    free(result->data);
    result->data = NULL;
    result->size = 0;
}
