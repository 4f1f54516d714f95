/* bench-process.h
 *
 * Copyright 2026 The Byline Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the benchmarks measure of the running process: the main thread's CPU and poll() time,
 * the memory of the process and the processes it started, and the main loop run until a
 * condition holds. */

typedef gboolean (*BenchCondition) (gpointer data);

void     bench_time_polls      (void);
gint64   bench_poll_time       (void);
gint64   bench_thread_cpu_time (void);
void     bench_run_for         (guint           ms);
gboolean bench_wait_until      (BenchCondition  condition,
                                gpointer        data,
                                guint           seconds);
void     bench_settle          (void);
GArray  *bench_process_tree    (int             root);
gsize    bench_total_rss       (guint          *n_processes,
                                GString        *detail);
double   bench_percentile      (GArray         *values,
                                double          p);

G_END_DECLS
