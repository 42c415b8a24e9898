/*
 * Native counterpart of `threadmpi-bench latency` (OSU osu_latency): blocking ping-pong between ranks 0
 * and 1; one-way latency = round trip / 2. Like the threadmpi side, round trips are time-stamped (every
 * one up to MAX_STAMPS iterations, every k-th above, see common.h), so Min/Max are over the same
 * blocks of iterations, measured the same way on both sides.
 * Usage: mpirun -n 2 latency SIZE:ITERATIONS:WARMUP...
 */
#include "common.h"

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    step_t *steps;
    int count = parse_steps(argc, argv, 1, &steps);
    long largest = max_size(steps, count);
    char *sendbuf = alloc_touched(largest);
    char *recvbuf = alloc_touched(largest);
    double *stamps = calloc((size_t)max_iterations(steps, count) + 1, sizeof(double));
    if (!stamps) die("out of memory", "stamps");

    if (rank == 0) {
        printf("# OSU MPI Latency Test (native)\n");
        printf("%-10s%20s%20s%20s%12s\n", "# Size", "Avg Latency(us)", "Min Latency(us)", "Max Latency(us)",
               "Iterations");
    }
    for (int s = 0; s < count; s++) {
        const step_t step = steps[s];
        const int size = (int)step.size;
        const int per = iterations_per_stamp(step.iterations);
        const int blocks = stamp_blocks(step.iterations);
        MPI_Barrier(MPI_COMM_WORLD);
        for (int i = 0; i < step.warmup + step.iterations; i++) {
            if (i >= step.warmup && (i - step.warmup) % per == 0) stamps[(i - step.warmup) / per] = MPI_Wtime();
            if (rank == 0) {
                MPI_Send(sendbuf, size, MPI_CHAR, 1, 1, MPI_COMM_WORLD);
                MPI_Recv(recvbuf, size, MPI_CHAR, 1, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            } else if (rank == 1) {
                MPI_Recv(recvbuf, size, MPI_CHAR, 0, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                MPI_Send(sendbuf, size, MPI_CHAR, 0, 1, MPI_COMM_WORLD);
            }
        }
        stamps[blocks] = MPI_Wtime();
        if (rank == 0) {
            double min, max;
            block_min_max(stamps, step.iterations, 2, &min, &max);
            double avg = (stamps[blocks] - stamps[0]) * 1e6 / (2.0 * step.iterations);
            printf("%-10ld%20.3f%20.3f%20.3f%12d\n", step.size, avg, min, max, step.iterations);
            fflush(stdout);
        }
    }
    free(stamps);
    free(recvbuf);
    free(sendbuf);
    free(steps);
    MPI_Finalize();
    return 0;
}
