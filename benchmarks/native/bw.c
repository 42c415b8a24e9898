/*
 * Native counterpart of `threadmpi-bench bw` and `bibw` (OSU osu_bw / osu_bibw).
 *   bw:   rank 0 posts WINDOW Isends, rank 1 WINDOW Irecvs, Waitall, then a 4-byte ack back to rank 0.
 *   bibw: both ranks post WINDOW Irecvs and WINDOW Isends, then Waitall; twice the bytes move per window.
 * Bandwidth in MB/s (10^6 bytes per second), as OSU reports it.
 * Usage: mpirun -n 2 bw bw|bibw WINDOW SIZE:ITERATIONS:WARMUP...
 */
#include "common.h"

static void window_bw(int rank, int size, int window, char *sendbuf, char *recvbuf, MPI_Request *requests) {
    char ack[4] = {0};
    if (rank == 0) {
        for (int j = 0; j < window; j++) MPI_Isend(sendbuf, size, MPI_CHAR, 1, 100, MPI_COMM_WORLD, &requests[j]);
        MPI_Waitall(window, requests, MPI_STATUSES_IGNORE);
        MPI_Recv(ack, 4, MPI_CHAR, 1, 101, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    } else if (rank == 1) {
        for (int j = 0; j < window; j++) MPI_Irecv(recvbuf, size, MPI_CHAR, 0, 100, MPI_COMM_WORLD, &requests[j]);
        MPI_Waitall(window, requests, MPI_STATUSES_IGNORE);
        MPI_Send(ack, 4, MPI_CHAR, 0, 101, MPI_COMM_WORLD);
    }
}

static void window_bibw(int rank, int size, int window, char *sendbuf, char *recvbuf, MPI_Request *requests) {
    if (rank > 1) return;
    const int peer = 1 - rank;
    for (int j = 0; j < window; j++) MPI_Irecv(recvbuf, size, MPI_CHAR, peer, 10, MPI_COMM_WORLD, &requests[j]);
    for (int j = 0; j < window; j++) MPI_Isend(sendbuf, size, MPI_CHAR, peer, 10, MPI_COMM_WORLD, &requests[window + j]);
    MPI_Waitall(2 * window, requests, MPI_STATUSES_IGNORE);
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (argc < 3 || (strcmp(argv[1], "bw") != 0 && strcmp(argv[1], "bibw") != 0)) {
        die("usage", "bw bw|bibw WINDOW SIZE:ITERATIONS:WARMUP...");
    }
    const int bidirectional = strcmp(argv[1], "bibw") == 0;
    const int window = atoi(argv[2]);
    if (window <= 0) die("bad window", argv[2]);
    step_t *steps;
    int count = parse_steps(argc, argv, 3, &steps);
    long largest = max_size(steps, count);
    char *sendbuf = alloc_touched(largest);
    char *recvbuf = alloc_touched(largest);
    MPI_Request *requests = calloc(2 * (size_t)window, sizeof(MPI_Request));
    if (!requests) die("out of memory", "requests");

    if (rank == 0) {
        printf("# OSU MPI %s Test (native)\n", bidirectional ? "Bi-Directional Bandwidth" : "Bandwidth");
        printf("%-10s%20s%12s\n", "# Size", "Bandwidth (MB/s)", "Iterations");
    }
    for (int s = 0; s < count; s++) {
        const step_t step = steps[s];
        double start = 0;
        MPI_Barrier(MPI_COMM_WORLD);
        for (int i = 0; i < step.warmup + step.iterations; i++) {
            if (i == step.warmup) start = MPI_Wtime();
            if (bidirectional) window_bibw(rank, (int)step.size, window, sendbuf, recvbuf, requests);
            else window_bw(rank, (int)step.size, window, sendbuf, recvbuf, requests);
        }
        double elapsed = MPI_Wtime() - start;
        if (rank == 0) {
            double bytes = (double)step.size * step.iterations * window * (bidirectional ? 2 : 1);
            printf("%-10ld%20.3f%12d\n", step.size, bytes / 1e6 / elapsed, step.iterations);
            fflush(stdout);
        }
    }
    free(requests);
    free(recvbuf);
    free(sendbuf);
    free(steps);
    MPI_Finalize();
    return 0;
}
