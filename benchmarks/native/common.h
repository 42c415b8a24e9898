/*
 * Shared by the native MPI side-by-side programs.
 *
 * The launcher (src/native/run.ts) computes the whole plan and passes one "SIZE:ITERATIONS:WARMUP"
 * argument per message size, so these programs keep no defaults of their own that could drift from the
 * threadmpi side. Output follows the OSU text format: '#' header lines, then one row per size whose
 * first column is the size; src/native/parse.ts reads the rows back.
 */
#ifndef THREADMPI_BENCH_COMMON_H
#define THREADMPI_BENCH_COMMON_H

#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    long size;
    int iterations;
    int warmup;
} step_t;

__attribute__((noreturn)) static void die(const char *message, const char *detail) {
    fprintf(stderr, "%s: %s\n", message, detail);
    MPI_Abort(MPI_COMM_WORLD, 2);
    exit(2); /* MPI_Abort is not declared noreturn */
}

/* Parses argv[first..argc) into steps; returns the number of steps. */
static inline int parse_steps(int argc, char **argv, int first, step_t **steps_out) {
    int count = argc - first;
    if (count <= 0) die("no steps given", "expected SIZE:ITERATIONS:WARMUP arguments");
    step_t *steps = calloc((size_t)count, sizeof(step_t));
    if (!steps) die("out of memory", "steps");
    for (int i = 0; i < count; i++) {
        step_t *s = &steps[i];
        if (sscanf(argv[first + i], "%ld:%d:%d", &s->size, &s->iterations, &s->warmup) != 3 ||
            s->size < 0 || s->iterations <= 0 || s->warmup < 0) {
            die("bad step (expected SIZE:ITERATIONS:WARMUP)", argv[first + i]);
        }
    }
    *steps_out = steps;
    return count;
}

/*
 * Latency programs time-stamp at most MAX_STAMPS times per size, as the threadmpi side does
 * (src/measure/loops.ts): every round trip up to MAX_STAMPS iterations, every k-th above, so Min/Max
 * are over the same blocks of iterations on both sides.
 */
#define MAX_STAMPS 1000

static inline int iterations_per_stamp(int iterations) {
    int per = iterations / MAX_STAMPS;
    return per < 1 ? 1 : per;
}

/* Stamps of `iterations` timed iterations: ceil(iterations / per), plus one after the last. */
static inline int stamp_blocks(int iterations) {
    int per = iterations_per_stamp(iterations);
    return (iterations + per - 1) / per;
}

/* Min and max over the blocks between consecutive stamps of one iteration's time (us) / `legs`. */
static inline void block_min_max(const double *stamps, int iterations, int legs, double *min_out, double *max_out) {
    int per = iterations_per_stamp(iterations);
    int blocks = stamp_blocks(iterations);
    double min = 1e300, max = 0;
    for (int j = 0; j < blocks; j++) {
        int in_block = iterations - j * per < per ? iterations - j * per : per;
        double t = (stamps[j + 1] - stamps[j]) * 1e6 / ((double)legs * in_block);
        if (t < min) min = t;
        if (t > max) max = t;
    }
    *min_out = min;
    *max_out = max;
}

static inline long max_size(const step_t *steps, int count) {
    long max = 0;
    for (int i = 0; i < count; i++) if (steps[i].size > max) max = steps[i].size;
    return max;
}

static inline int max_iterations(const step_t *steps, int count) {
    int max = 0;
    for (int i = 0; i < count; i++) if (steps[i].iterations > max) max = steps[i].iterations;
    return max;
}

/* Cache-line aligned and written once, so first-touch page faults stay out of the timed loops (as OSU does). */
static inline char *alloc_touched(long bytes) {
    void *p = NULL;
    if (posix_memalign(&p, 64, bytes > 0 ? (size_t)bytes : 1) != 0) die("out of memory", "buffer");
    memset(p, 'a', bytes > 0 ? (size_t)bytes : 1);
    return p;
}

#endif
