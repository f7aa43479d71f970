"""
The Python contenders of the PageRank benchmark (bench/pagerank.bench.ts): networkx and python-igraph.

    python3 bench/pagerank.py <networkx|igraph> <graph-dir> <damping> <tolerance> <max-iterations> <runs> <scores-out>
    python3 bench/pagerank.py <networkx|igraph> --check     (exits 0 when the library imports)

Reads the CSR arrays that bench/graph-file.ts wrote (offsets.i32, targets.i32, weights.f64), builds the
library's graph outside the timed runs, times `runs` runs of its weighted PageRank (damping d, dangling mass
spread uniformly), writes the last run's scores as raw float64 and prints
{"runsMs": [...], "iterations": null, "maxRssKiB": r}. networkx stops when the L1 change is below
N * tol, so it is given tol = tolerance / N; igraph's PRPACK solver is not a power iteration and takes no
tolerance (it solves to about 1e-10 itself).
"""
import json
import resource
import sys
import time

import numpy


def read_graph(folder):
    offsets = numpy.fromfile(f"{folder}/offsets.i32", dtype="<i4")
    targets = numpy.fromfile(f"{folder}/targets.i32", dtype="<i4")
    weights = numpy.fromfile(f"{folder}/weights.f64", dtype="<f8")
    sources = numpy.repeat(numpy.arange(len(offsets) - 1, dtype=numpy.int64), numpy.diff(offsets))
    return len(offsets) - 1, sources, targets, weights


def prepare_networkx(n, sources, targets, weights, damping, tolerance, max_iterations):
    import networkx

    graph = networkx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from(zip(sources.tolist(), targets.tolist(), weights.tolist()))

    def run():
        scores = networkx.pagerank(graph, alpha=damping, tol=tolerance / n, max_iter=max_iterations, weight="weight")
        return numpy.fromiter((scores[i] for i in range(n)), dtype=numpy.float64, count=n)

    return run


def prepare_igraph(n, sources, targets, weights, damping, tolerance, max_iterations):
    import igraph

    graph = igraph.Graph(n=n, edges=numpy.column_stack((sources, targets)).tolist(), directed=True)
    graph.es["weight"] = weights.tolist()

    def run():
        scores = graph.pagerank(directed=True, damping=damping, weights="weight", implementation="prpack")
        return numpy.asarray(scores, dtype=numpy.float64)

    return run


TOOLS = {"networkx": prepare_networkx, "igraph": prepare_igraph}


def main(argv):
    if len(argv) == 3 and argv[1] in TOOLS and argv[2] == "--check":
        __import__(argv[1])
        return 0
    if len(argv) != 8 or argv[1] not in TOOLS:
        print(f"bench/pagerank.py: usage: <{'|'.join(TOOLS)}> <graph-dir> <damping> <tolerance> <max-iterations> <runs> <scores-out>", file=sys.stderr)
        return 2
    tool, folder, damping, tolerance, max_iterations, runs, scores_out = argv[1:]
    run = TOOLS[tool](*read_graph(folder), float(damping), float(tolerance), int(max_iterations))
    runs_ms = []
    scores = None
    for _ in range(int(runs)):
        start = time.perf_counter()
        scores = run()
        runs_ms.append((time.perf_counter() - start) * 1e3)
    scores.astype("<f8").tofile(scores_out)
    print(json.dumps({"runsMs": runs_ms, "iterations": None, "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
