/*
 * The single-threaded C reference for the PageRank benchmark (bench/pagerank.bench.ts), and a STREAM-like
 * triad bandwidth probe (McCalpin, J. D. (1995). "Memory bandwidth and machine balance in current high
 * performance computers." IEEE TCCA Newsletter).
 *
 *   pagerank <graph-dir> <damping> <tolerance> <max-iterations> <runs> <scores-out>
 *       reads the CSR arrays that bench/graph-file.ts wrote (offsets.i32, targets.i32, weights.f64, raw
 *       little-endian) and runs the same algorithm as scoring/graph/pagerank.ts: per-edge probabilities
 *       w / out-weight, in-edges gathered by one counting sort, pull iterations from the uniform vector with
 *       dangling mass spread uniformly until the L1 change is below the tolerance, then renormalised. Prints
 *       {"runsMs": [...], "iterations": k, "maxRssKiB": r} and writes the last run's scores as float64.
 *   triad <megabytes>
 *       a[i] = b[i] + s * c[i] over three arrays of that size each; prints {"bytesPerSecond": best of 10}.
 *
 * Built by the benchmark with `cc -O2` (no -march=native, so it is the machine's plain single core).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void *read_file(const char *dir, const char *name, size_t *bytes) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "bench/pagerank.c: cannot open %s\n", path);
    exit(1);
  }
  fseek(f, 0, SEEK_END);
  *bytes = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  void *data = malloc(*bytes ? *bytes : 1);
  if (!data || fread(data, 1, *bytes, f) != *bytes) {
    fprintf(stderr, "bench/pagerank.c: cannot read %s\n", path);
    exit(1);
  }
  fclose(f);
  return data;
}

/* Writes the scores into `out`; returns the iterations performed. */
static int pagerank(int32_t n, const int32_t *offsets, const int32_t *targets, const double *weights, double damping,
                    double tolerance, int max_iterations, double *out) {
  int32_t m = offsets[n];
  double *probability = malloc(sizeof(double) * m), *dangling = calloc(n, sizeof(double));
  int32_t *in_offsets = calloc(n + 1, sizeof(int32_t)), *cursor = malloc(sizeof(int32_t) * n);
  int32_t *sources = malloc(sizeof(int32_t) * m);
  double *in_probability = malloc(sizeof(double) * m), *x = malloc(sizeof(double) * n), *next = malloc(sizeof(double) * n);
  for (int32_t j = 0; j < n; j++) {
    double total = 0;
    for (int32_t k = offsets[j]; k < offsets[j + 1]; k++) total += weights[k];
    if (total > 0)
      for (int32_t k = offsets[j]; k < offsets[j + 1]; k++) probability[k] = weights[k] / total;
    else
      dangling[j] = 1;
  }
  for (int32_t k = 0; k < m; k++) in_offsets[targets[k] + 1]++;
  for (int32_t i = 0; i < n; i++) in_offsets[i + 1] += in_offsets[i];
  memcpy(cursor, in_offsets, sizeof(int32_t) * n);
  for (int32_t j = 0; j < n; j++)
    for (int32_t k = offsets[j]; k < offsets[j + 1]; k++) {
      int32_t slot = cursor[targets[k]]++;
      sources[slot] = j;
      in_probability[slot] = probability[k];
    }
  double leaked = 0, teleport = 1.0 / n;
  for (int32_t i = 0; i < n; i++) x[i] = teleport, leaked += x[i] * dangling[i];
  int iterations = 0;
  while (iterations < max_iterations) {
    iterations++;
    double teleport_mass = (1 - damping + damping * leaked) * teleport, change = 0;
    leaked = 0;
    int32_t k = 0;
    for (int32_t i = 0; i < n; i++) {
      double followed = 0;
      for (int32_t end = in_offsets[i + 1]; k < end; k++) followed += in_probability[k] * x[sources[k]];
      double score = teleport_mass + damping * followed;
      next[i] = score;
      change += fabs(score - x[i]);
      leaked += score * dangling[i];
    }
    double *previous = x;
    x = next, next = previous;
    if (change < tolerance) break;
  }
  double total = 0;
  for (int32_t i = 0; i < n; i++) total += x[i];
  for (int32_t i = 0; i < n; i++) out[i] = x[i] / total;
  free(probability), free(dangling), free(in_offsets), free(cursor), free(sources), free(in_probability), free(x), free(next);
  return iterations;
}

static long max_rss_kib(void) {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static int run_pagerank(int argc, char **argv) {
  if (argc != 8) {
    fprintf(stderr, "usage: pagerank <graph-dir> <damping> <tolerance> <max-iterations> <runs> <scores-out>\n");
    return 2;
  }
  size_t offsets_bytes, targets_bytes, weights_bytes;
  int32_t *offsets = read_file(argv[2], "offsets.i32", &offsets_bytes);
  int32_t *targets = read_file(argv[2], "targets.i32", &targets_bytes);
  double *weights = read_file(argv[2], "weights.f64", &weights_bytes);
  int32_t n = (int32_t)(offsets_bytes / sizeof(int32_t)) - 1;
  double damping = atof(argv[3]), tolerance = atof(argv[4]);
  int max_iterations = atoi(argv[5]), runs = atoi(argv[6]), iterations = 0;
  double *x = malloc(sizeof(double) * (n > 0 ? n : 1));
  printf("{\"runsMs\": [");
  for (int r = 0; r < runs; r++) {
    double start = now_ms();
    iterations = pagerank(n, offsets, targets, weights, damping, tolerance, max_iterations, x);
    printf("%s%.3f", r ? ", " : "", now_ms() - start);
  }
  printf("], \"iterations\": %d, \"maxRssKiB\": %ld}\n", iterations, max_rss_kib());
  FILE *out = fopen(argv[7], "wb");
  if (!out || fwrite(x, sizeof(double), n, out) != (size_t)n) {
    fprintf(stderr, "bench/pagerank.c: cannot write %s\n", argv[7]);
    return 1;
  }
  fclose(out);
  return 0;
}

static int run_triad(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: triad <megabytes>\n");
    return 2;
  }
  size_t count = (size_t)(atof(argv[2]) * 1e6 / sizeof(double));
  double *a = malloc(sizeof(double) * count), *b = malloc(sizeof(double) * count), *c = malloc(sizeof(double) * count);
  for (size_t i = 0; i < count; i++) a[i] = 0, b[i] = 1, c[i] = 2;
  double best = INFINITY, s = 3;
  for (int r = 0; r < 10; r++) {
    double start = now_ms();
    for (size_t i = 0; i < count; i++) a[i] = b[i] + s * c[i];
    double ms = now_ms() - start;
    if (ms < best) best = ms;
    b[r % count] = a[(r * 7919) % count];
  }
  printf("{\"bytesPerSecond\": %.0f, \"check\": %.1f}\n", 3 * sizeof(double) * count / (best / 1e3), a[count / 2]);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "pagerank") == 0) return run_pagerank(argc, argv);
  if (argc > 1 && strcmp(argv[1], "triad") == 0) return run_triad(argc, argv);
  fprintf(stderr, "usage: pagerank … | triad <megabytes>\n");
  return 2;
}
