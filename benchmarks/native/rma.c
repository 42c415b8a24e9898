/*
 * Native counterpart of the one-sided benchmarks (src/ranks/one-sided.ts, OSU osu_put_latency family):
 * rank 0 is the origin, rank 1 the target; the same operation, data type, synchronisation mode and
 * window creation as the threadmpi side.
 *   put_latency, get_latency   MPI_CHAR, Size bytes
 *   acc_latency                MPI_DOUBLE MPI_SUM, Size/8 elements
 *   fop_latency, cas_latency   one MPI_INT (SUM of 1; compare-and-swap k -> k+1)
 *   put_bw, get_bw             WINDOW operations per synchronisation; MB/s
 * Sync modes: flush (lock once, flush each), lock (lock/unlock each), lock_all, fence, pscw.
 * Latency rows: Size Avg Min Max Iterations (min/max over iterations); bandwidth rows: Size MB/s Iterations.
 * Usage: mpirun -n 2 rma OP SYNC allocate|create [WINDOW] SIZE:ITERATIONS:WARMUP...
 */
#include "common.h"

enum sync_mode { FLUSH, LOCK, LOCK_ALL, FENCE, PSCW };
enum op_kind { PUT, GET, ACC, FOP, CAS };

static const char *SYNC_NAMES[] = {"flush", "lock", "lock_all", "fence", "pscw"};

typedef struct {
    enum sync_mode sync;
    MPI_Win win;
    MPI_Group peer;
} epochs_t;

static void open_origin(epochs_t *e) {
    if (e->sync == FLUSH) MPI_Win_lock(MPI_LOCK_SHARED, 1, 0, e->win);
    if (e->sync == LOCK_ALL) MPI_Win_lock_all(0, e->win);
    if (e->sync == FENCE) MPI_Win_fence(0, e->win);
}
static void close_origin(epochs_t *e) {
    if (e->sync == FLUSH) MPI_Win_unlock(1, e->win);
    if (e->sync == LOCK_ALL) MPI_Win_unlock_all(e->win);
}
static void begin_iteration(epochs_t *e) {
    if (e->sync == LOCK) MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 1, 0, e->win);
    if (e->sync == PSCW) MPI_Win_start(e->peer, 0, e->win);
}
static void end_iteration(epochs_t *e) {
    switch (e->sync) {
        case FLUSH: case LOCK_ALL: MPI_Win_flush(1, e->win); break;
        case LOCK: MPI_Win_unlock(1, e->win); break;
        case FENCE: MPI_Win_fence(0, e->win); break;
        case PSCW: MPI_Win_complete(e->win); break;
    }
}
static void target_iteration(epochs_t *e) {
    if (e->sync == FENCE) MPI_Win_fence(0, e->win);
    if (e->sync == PSCW) { MPI_Win_post(e->peer, 0, e->win); MPI_Win_wait(e->win); }
}

static int fop_one = 1;
static int cas_expected = 0;

static void issue(enum op_kind op, long size, char *origin, char *result, MPI_Win win) {
    switch (op) {
        case PUT: MPI_Put(origin, (int)size, MPI_CHAR, 1, 0, (int)size, MPI_CHAR, win); break;
        case GET: MPI_Get(origin, (int)size, MPI_CHAR, 1, 0, (int)size, MPI_CHAR, win); break;
        case ACC: MPI_Accumulate(origin, (int)(size / 8), MPI_DOUBLE, 1, 0, (int)(size / 8), MPI_DOUBLE, MPI_SUM, win); break;
        case FOP: MPI_Fetch_and_op(&fop_one, result, MPI_INT, 1, 0, MPI_SUM, win); break;
        case CAS: {
            int next = cas_expected + 1;
            MPI_Compare_and_swap(&next, &cas_expected, result, MPI_INT, 1, 0, win);
            cas_expected = next;
            break;
        }
    }
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (argc < 5) die("usage", "rma OP SYNC allocate|create [WINDOW] SIZE:ITERATIONS:WARMUP...");
    const char *name = argv[1];
    const int bandwidth = strstr(name, "_bw") != NULL;
    enum op_kind op;
    if (strncmp(name, "put", 3) == 0) op = PUT;
    else if (strncmp(name, "get", 3) == 0) op = GET;
    else if (strcmp(name, "acc_latency") == 0) op = ACC;
    else if (strcmp(name, "fop_latency") == 0) op = FOP;
    else if (strcmp(name, "cas_latency") == 0) op = CAS;
    else die("unknown operation", name);
    epochs_t e = {.sync = FLUSH};
    int found = 0;
    for (int i = 0; i < 5; i++) if (strcmp(argv[2], SYNC_NAMES[i]) == 0) { e.sync = (enum sync_mode)i; found = 1; }
    if (!found) die("unknown sync mode", argv[2]);
    const int create = strcmp(argv[3], "create") == 0;
    int first = 4, window = 1;
    if (bandwidth) window = atoi(argv[first++]);
    step_t *steps;
    int count = parse_steps(argc, argv, first, &steps);
    long largest = max_size(steps, count);
    if (largest < 8) largest = 8;
    char *origin = alloc_touched(largest);
    char result[8];
    double *stamps = calloc((size_t)max_iterations(steps, count) + 1, sizeof(double));
    if (!stamps) die("out of memory", "stamps");

    MPI_Group world;
    MPI_Comm_group(MPI_COMM_WORLD, &world);
    int peer_rank = 1 - rank;
    MPI_Group_incl(world, 1, &peer_rank, &e.peer);

    if (rank == 0) {
        printf("# OSU MPI %s Test (native, %s, %s)\n", name, argv[2], argv[3]);
        if (bandwidth) printf("%-10s%20s%12s\n", "# Size", "Bandwidth (MB/s)", "Iterations");
        else printf("%-10s%20s%20s%20s%12s\n", "# Size", "Avg Latency(us)", "Min Latency(us)", "Max Latency(us)", "Iterations");
    }
    for (int s = 0; s < count; s++) {
        const step_t step = steps[s];
        char *base = NULL;
        if (create) {
            base = alloc_touched(largest);
            MPI_Win_create(base, largest, 1, MPI_INFO_NULL, MPI_COMM_WORLD, &e.win);
        } else {
            MPI_Win_allocate(largest, 1, MPI_INFO_NULL, MPI_COMM_WORLD, &base, &e.win);
            memset(base, 0, (size_t)largest);
        }
        cas_expected = 0;
        const int per = iterations_per_stamp(step.iterations);
        const int blocks = stamp_blocks(step.iterations);
        MPI_Barrier(MPI_COMM_WORLD);
        if (rank == 0) {
            open_origin(&e);
            for (int i = 0; i < step.warmup + step.iterations; i++) {
                if (i >= step.warmup && (i - step.warmup) % per == 0) stamps[(i - step.warmup) / per] = MPI_Wtime();
                begin_iteration(&e);
                for (int j = 0; j < window; j++) issue(op, step.size, origin, result, e.win);
                end_iteration(&e);
            }
            stamps[blocks] = MPI_Wtime();
            close_origin(&e);
        } else if (rank == 1) {
            if (e.sync == FENCE) MPI_Win_fence(0, e.win);
            for (int i = 0; i < step.warmup + step.iterations; i++) target_iteration(&e);
        }
        MPI_Barrier(MPI_COMM_WORLD);
        MPI_Win_free(&e.win);
        if (create) free(base);
        if (rank == 0) {
            double total = (stamps[blocks] - stamps[0]) * 1e6;
            if (bandwidth) {
                printf("%-10ld%20.3f%12d\n", step.size, (double)step.size * window * step.iterations / total, step.iterations);
            } else {
                double min, max;
                block_min_max(stamps, step.iterations, 1, &min, &max);
                printf("%-10ld%20.3f%20.3f%20.3f%12d\n", step.size, total / step.iterations, min, max, step.iterations);
            }
            fflush(stdout);
        }
    }
    MPI_Group_free(&e.peer);
    MPI_Group_free(&world);
    free(stamps);
    free(origin);
    free(steps);
    MPI_Finalize();
    return 0;
}
