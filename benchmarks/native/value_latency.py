"""
mpi4py counterpart of `threadmpi-bench value_latency`: ping-pong of {from, tag, data: [{k, v}, ...]}
between ranks 0 and 1 with the lowercase (pickled) comm.send / comm.recv, the object API threadmpi's
send/recv mirrors. Size = entries in data. Like the C programs (common.h), the plan comes as one
SIZE:ITERATIONS:WARMUP argument per size, every round trip is time-stamped (Min/Max over round
trips), and the output is OSU text: '#' lines, then Size, Avg, Min, Max latency (us), Iterations.
Usage: mpirun -n 2 python3 value_latency.py SIZE:ITERATIONS:WARMUP...
"""
import sys

from mpi4py import MPI

PING_TAG = 1


def parse_steps(args):
    steps = []
    for arg in args:
        try:
            size, iterations, warmup = (int(part) for part in arg.split(":"))
        except ValueError:
            sys.exit(f"bad step (expected SIZE:ITERATIONS:WARMUP): {arg}")
        if size < 0 or iterations <= 0 or warmup < 0:
            sys.exit(f"bad step (expected SIZE:ITERATIONS:WARMUP): {arg}")
        steps.append((size, iterations, warmup))
    if not steps:
        sys.exit("no steps given: expected SIZE:ITERATIONS:WARMUP arguments")
    return steps


def message(rank, entries):
    return {"from": rank, "tag": PING_TAG, "data": [{"k": f"key{i}", "v": i} for i in range(entries)]}


def main():
    comm = MPI.COMM_WORLD
    rank = comm.Get_rank()
    steps = parse_steps(sys.argv[1:])
    if rank == 0:
        print("# threadmpi Value Latency Test (mpi4py pickled comm.send/comm.recv)")
        print(f"{'# Size':<10}{'Avg Latency(us)':>20}{'Min Latency(us)':>20}{'Max Latency(us)':>20}{'Iterations':>12}")
    for size, iterations, warmup in steps:
        payload = message(rank, size)
        stamps = [0.0] * (iterations + 1)
        comm.Barrier()
        wtime = MPI.Wtime
        for i in range(warmup + iterations):
            if i >= warmup:
                stamps[i - warmup] = wtime()
            if rank == 0:
                comm.send(payload, dest=1, tag=PING_TAG)
                comm.recv(source=1, tag=PING_TAG)
            elif rank == 1:
                comm.recv(source=0, tag=PING_TAG)
                comm.send(payload, dest=0, tag=PING_TAG)
        stamps[iterations] = wtime()
        if rank == 0:
            one_way = [(stamps[i + 1] - stamps[i]) * 1e6 / 2 for i in range(iterations)]
            avg = (stamps[iterations] - stamps[0]) * 1e6 / (2 * iterations)
            print(f"{size:<10}{avg:>20.3f}{min(one_way):>20.3f}{max(one_way):>20.3f}{iterations:>12}", flush=True)


if __name__ == "__main__":
    main()
