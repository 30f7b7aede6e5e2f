/* Helpers shared by the benchmark programs (bench/bench_*.c, each its own
 * program, so the helpers are static inline here): a monotonic clock, the
 * process's CPU time, the peak resident size, formatted strings, a shell line and the splitmix64
 * generator (each program keeps its own seed, so that what it generates
 * stays the same from run to run). Bench code: failures exit. */
#ifndef PSIRT_BENCH_UTIL_H
#define PSIRT_BENCH_UTIL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "psirt/buf.h"

/* Seconds on the monotonic clock. */
static inline double bench_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The process's CPU time so far, in seconds (user and system, every thread). */
static inline double bench_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The process's peak resident size so far, in KiB. */
static inline long bench_peak_rss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* A formatted string, owned: free with free(); exits when out of memory. */
static inline char *bench_xfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline char *bench_xfmt(const char *fmt, ...)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	va_list ap;
	char *s;

	va_start(ap, fmt);
	psirt_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	s = psirt_buf_detach(&b, NULL);
	if (!s)
		exit(1);
	return s;
}

/* Runs a shell command line it takes (bench_xfmt's; the paths are the
 * bench's own); 0 on success. */
static inline int bench_sh(char *cmd)
{
	int rc;

	fflush(stdout);
	rc = system(cmd);
	free(cmd);
	return rc;
}

/* The next value of splitmix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", 2014) from *state. */
static inline uint64_t bench_splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A value below n (n > 0) from the next splitmix64 draw of *state: the
 * remainder, slightly biased, which the generated data sets are made with. */
static inline unsigned bench_below(uint64_t *state, unsigned n)
{
	return (unsigned)(bench_splitmix(state) % n);
}

/* A value below n (n > 0) skewed towards 0 (r * r / n of a bench_below draw
 * r): the generated NVD feed's vendors, Zipf-like as NVD's busiest vendors
 * dominate, and the portfolios that bench_findings and bench_match draw
 * against it, which must skew the same way to meet its records. */
static inline unsigned bench_skewed(uint64_t *state, unsigned n)
{
	unsigned r = bench_below(state, n);

	return (unsigned)((unsigned long long)r * r / n);
}

/* True with about percent in 100 odds, from one bench_below(state, 100). */
static inline int bench_chance(uint64_t *state, unsigned percent)
{
	return bench_below(state, 100) < percent;
}

#endif
