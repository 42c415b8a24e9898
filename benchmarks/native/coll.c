/*
 * Native counterpart of the collective benchmarks (OSU osu_allreduce, osu_bcast, ...): the same data,
 * sizes, root and timing as src/ranks/collectives.ts, with the MPI library's own algorithm selection.
 * Reductions are MPI_DOUBLE MPI_SUM over Size/8 elements; data movement is MPI_CHAR; Size is the whole
 * vector (bcast, reduce, allreduce, reduce_scatter) or one rank's block (gather, scatter, allgather,
 * alltoall). Every rank times its loop; Avg/Min/Max are over ranks of each rank's mean time per call.
 * Usage: mpirun -n P coll COLLECTIVE SIZE:ITERATIONS:WARMUP...
 */
#include "common.h"

typedef void (*call_fn)(long size, char *send, char *recv, int *counts, int ranks);

static void do_barrier(long size, char *send, char *recv, int *counts, int ranks) {
    (void)size; (void)send; (void)recv; (void)counts; (void)ranks;
    MPI_Barrier(MPI_COMM_WORLD);
}
static void do_bcast(long size, char *send, char *recv, int *counts, int ranks) {
    (void)recv; (void)counts; (void)ranks;
    MPI_Bcast(send, (int)size, MPI_CHAR, 0, MPI_COMM_WORLD);
}
static void do_reduce(long size, char *send, char *recv, int *counts, int ranks) {
    (void)counts; (void)ranks;
    MPI_Reduce(send, recv, (int)(size / 8), MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
}
static void do_allreduce(long size, char *send, char *recv, int *counts, int ranks) {
    (void)counts; (void)ranks;
    MPI_Allreduce(send, recv, (int)(size / 8), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
}
static void do_reduce_scatter(long size, char *send, char *recv, int *counts, int ranks) {
    /* OSU's split: equal counts, the remainder to the first ranks. */
    long total = size / 8;
    for (int r = 0; r < ranks; r++) counts[r] = (int)(total / ranks + (r < total % ranks ? 1 : 0));
    MPI_Reduce_scatter(send, recv, counts, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
}
static void do_gather(long size, char *send, char *recv, int *counts, int ranks) {
    (void)counts; (void)ranks;
    MPI_Gather(send, (int)size, MPI_CHAR, recv, (int)size, MPI_CHAR, 0, MPI_COMM_WORLD);
}
static void do_scatter(long size, char *send, char *recv, int *counts, int ranks) {
    (void)counts; (void)ranks;
    MPI_Scatter(send, (int)size, MPI_CHAR, recv, (int)size, MPI_CHAR, 0, MPI_COMM_WORLD);
}
static void do_allgather(long size, char *send, char *recv, int *counts, int ranks) {
    (void)counts; (void)ranks;
    MPI_Allgather(send, (int)size, MPI_CHAR, recv, (int)size, MPI_CHAR, MPI_COMM_WORLD);
}
static void do_alltoall(long size, char *send, char *recv, int *counts, int ranks) {
    (void)counts; (void)ranks;
    MPI_Alltoall(send, (int)size, MPI_CHAR, recv, (int)size, MPI_CHAR, MPI_COMM_WORLD);
}

static const struct { const char *name; call_fn fn; int per_rank; } COLLECTIVES[] = {
    {"barrier", do_barrier, 0},     {"bcast", do_bcast, 0},     {"reduce", do_reduce, 0},
    {"allreduce", do_allreduce, 0}, {"reduce_scatter", do_reduce_scatter, 0},
    {"gather", do_gather, 1},       {"scatter", do_scatter, 1}, {"allgather", do_allgather, 1},
    {"alltoall", do_alltoall, 1},
};

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, ranks;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    if (argc < 2) die("usage", "coll COLLECTIVE SIZE:ITERATIONS:WARMUP...");
    call_fn fn = NULL;
    int per_rank = 0;
    for (size_t i = 0; i < sizeof COLLECTIVES / sizeof COLLECTIVES[0]; i++) {
        if (strcmp(argv[1], COLLECTIVES[i].name) == 0) { fn = COLLECTIVES[i].fn; per_rank = COLLECTIVES[i].per_rank; }
    }
    if (fn == NULL) die("unknown collective", argv[1]);
    step_t *steps;
    int count = parse_steps(argc, argv, 2, &steps);
    /* Per-rank collectives move one block per rank through each buffer. */
    long largest = max_size(steps, count) * (per_rank ? ranks : 1);
    char *send = alloc_touched(largest);
    char *recv = alloc_touched(largest);
    int *counts = calloc((size_t)ranks, sizeof(int));
    if (!counts) die("out of memory", "counts");

    if (rank == 0) {
        printf("# OSU MPI %s Latency Test (native)\n", argv[1]);
        printf("%-10s%20s%20s%20s%12s\n", "# Size", "Avg Latency(us)", "Min Latency(us)", "Max Latency(us)", "Iterations");
    }
    for (int s = 0; s < count; s++) {
        const step_t step = steps[s];
        MPI_Barrier(MPI_COMM_WORLD);
        double start = 0;
        for (int i = 0; i < step.warmup + step.iterations; i++) {
            if (i == step.warmup) start = MPI_Wtime();
            fn(step.size, send, recv, counts, ranks);
        }
        double mine = (MPI_Wtime() - start) * 1e6 / step.iterations, min, max, sum;
        MPI_Reduce(&mine, &min, 1, MPI_DOUBLE, MPI_MIN, 0, MPI_COMM_WORLD);
        MPI_Reduce(&mine, &max, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
        MPI_Reduce(&mine, &sum, 1, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
        if (rank == 0) {
            printf("%-10ld%20.3f%20.3f%20.3f%12d\n", step.size, sum / ranks, min, max, step.iterations);
            fflush(stdout);
        }
    }
    free(counts);
    free(recv);
    free(send);
    free(steps);
    MPI_Finalize();
    return 0;
}
