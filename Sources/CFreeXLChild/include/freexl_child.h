#ifndef PARINDEX_FREEXL_CHILD_H
#define PARINDEX_FREEXL_CHILD_H

/*
 * libfreexl run in a forked child process.
 *
 * libfreexl 1.0.6 crashes (invalid free, wild reads) or allocates without bound on some
 * malformed .xls files. fxc_read_workbook() forks; the child lowers its own limits
 * (address space, CPU time, no core file), restores the default signal actions, opens the
 * file with libfreexl, writes everything the reader needs to a pipe (the dump below) and
 * calls _exit(). The parent reads the dump under a wall-clock deadline and a size cap and
 * reports how the child ended: a crash, a timeout or an exhausted memory budget is a
 * status, never a crash of the caller.
 *
 * Dump (integers unaligned, in native order, which is little-endian on every machine the
 * package supports):
 *   "FXC1"
 *   i32 open code (FREEXL_OK or an error; nothing else follows an error but the trailer)
 *   i32 rc, u32 value   FREEXL_BIFF_PASSWORD
 *   i32 rc, u32 value   FREEXL_BIFF_DATEMODE
 *   i32 rc, u32 value   FREEXL_BIFF_SHEET_COUNT
 *   per worksheet (at most 65,535): i32 rc, u32 length (UINT32_MAX: no name), name bytes
 *   per worksheet: i32 select rc; when FREEXL_OK: i32 dimensions rc, u32 rows, u16 columns;
 *     when that is FREEXL_OK, cell records in row-major order (rows and columns clamped
 *     to the limits), each a u8 kind, then:
 *       FXC_END                                    end of the sheet
 *       FXC_INT      u32 row, u16 column, i32
 *       FXC_DOUBLE   u32 row, u16 column, f64
 *       FXC_TEXT     u32 row, u16 column, u8 libfreexl cell type, u32 length, bytes
 *       FXC_SHARED   u32 row, u16 column, u32 index of a string defined before
 *       FXC_DEFINE   u32 length, bytes: the next shared string (indices from 0)
 *     NULL cells, cells libfreexl fails to return and text cells without text are left out.
 *   "FXCE"
 */

#include <stddef.h>
#include <stdint.h>

/** Cell record kinds of the dump. */
enum {
    FXC_END = 0,
    FXC_INT = 1,
    FXC_DOUBLE = 2,
    FXC_TEXT = 3,
    FXC_SHARED = 4,
    FXC_DEFINE = 5
};

/** Bounds of one isolated run. Zero means "no bound" for the first two. */
typedef struct {
    /** Address space the child may add to what it inherited from the caller, in bytes. */
    uint64_t memory_bytes;
    /** CPU time of the child, in seconds (SIGXCPU ends it). */
    uint32_t cpu_seconds;
    /** Wall-clock time the parent waits for the whole dump, in milliseconds. */
    uint32_t wall_milliseconds;
    /** Largest dump accepted, in bytes. */
    uint64_t max_output_bytes;
    /** Rows and columns read from each sheet (the rest is not visited). */
    uint32_t max_rows;
    uint32_t max_columns;
} fxc_limits;

/** How the child ended. */
typedef enum {
    /** A complete dump is in `data`. */
    FXC_STATUS_DONE = 0,
    /** The child was killed by signal `detail` (libfreexl crashed). */
    FXC_STATUS_CRASHED = 1,
    /** The CPU or wall-clock limit was reached. */
    FXC_STATUS_TIMED_OUT = 2,
    /** The dump passed `max_output_bytes`. */
    FXC_STATUS_OUTPUT_TOO_LARGE = 3,
    /** The child ran out of its memory budget outside libfreexl, or exited with code `detail`. */
    FXC_STATUS_FAILED = 4,
    /** pipe() or fork() failed with errno `detail`. */
    FXC_STATUS_SYSTEM = 5
} fxc_status;

/** The outcome of fxc_read_workbook(); release `data` with fxc_result_free(). */
typedef struct {
    fxc_status status;
    int detail;
    unsigned char *data;
    size_t size;
} fxc_result;

/** Reads the .xls file at `path` with libfreexl in a child process, within `limits`. */
fxc_result fxc_read_workbook(const char *path, const fxc_limits *limits);

/** Frees the dump of a result. */
void fxc_result_free(fxc_result *result);

#endif
