/* bench-process.c
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

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-process.h"

/* Time the main thread spent inside poll(): the rest of the wall time is work. */
static gint64 poll_time;
static GPollFunc default_poll;

static gint
timing_poll (GPollFD *fds,
             guint    n_fds,
             gint     timeout)
{
  gint64 start = g_get_monotonic_time ();
  gint ret = default_poll (fds, n_fds, timeout);

  poll_time += g_get_monotonic_time () - start;

  return ret;
}

/* From now on, the time the main loop sleeps in poll() is counted. */
void
bench_time_polls (void)
{
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timing_poll);
}

/* Microseconds the main thread spent in poll() since bench_time_polls(). */
gint64
bench_poll_time (void)
{
  return poll_time;
}

/* CPU time of the calling (main) thread, in microseconds: unlike wall time, it does not count
 * the moments the thread was ready but waited for a core taken by the web process, the X server
 * or the render worker. */
gint64
bench_thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
expire_cb (gpointer data)
{
  *(gboolean *)data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop for a while, as it runs while the writer does nothing. */
void
bench_run_for (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, expire_cb, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
bench_wait_until (BenchCondition  condition,
                  gpointer        data,
                  guint           seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, expire_cb, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return !expired;
}

/* Runs whatever the main loop has ready, without waiting. */
void
bench_settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gsize
rss_of (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || !(line = strstr (status, "VmRSS:")))
    return 0;

  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

static int
parent_of (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *close;
  int ppid = 0;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || !(close = strrchr (stat, ')')))
    return 0;
  if (sscanf (close + 1, " %*c %d", &ppid) != 1)
    return 0;

  return ppid;
}

/* RSS in KiB of this process and all its descendants (the WebKit web and network processes,
 * possibly below a bubblewrap sandbox process). */
static char *
name_of (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/comm", pid);
  char *name = NULL;

  if (!g_file_get_contents (path, &name, NULL, NULL))
    return g_strdup ("?");

  return g_strstrip (name);
}

/**
 * bench_process_tree:
 * @root: a process
 *
 * Returns: (transfer full): @root and every process below it, as `int`s
 */
GArray *
bench_process_tree (int root)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *tree = g_array_new (FALSE, FALSE, sizeof (int));
  const char *name;
  gboolean grew = TRUE;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      int pid = atoi (name);
      int ppid;

      if (pid <= 0)
        continue;
      ppid = parent_of (pid);
      g_array_append_val (all, pid);
      g_array_append_val (parents, ppid);
    }

  g_array_append_val (tree, root);
  while (grew)
    {
      grew = FALSE;
      for (guint i = 0; i < all->len; i++)
        {
          int pid = g_array_index (all, int, i);
          int ppid = g_array_index (parents, int, i);
          gboolean parent_in = FALSE, pid_in = FALSE;

          for (guint j = 0; j < tree->len; j++)
            {
              parent_in |= g_array_index (tree, int, j) == ppid;
              pid_in |= g_array_index (tree, int, j) == pid;
            }
          if (parent_in && !pid_in)
            {
              g_array_append_val (tree, pid);
              grew = TRUE;
            }
        }
    }

  return tree;
}

gsize
bench_total_rss (guint   *n_processes,
                 GString *detail)
{
  g_autoptr(GArray) family = bench_process_tree (getpid ());
  gsize total = 0;

  for (guint i = 0; i < family->len; i++)
    {
      int pid = g_array_index (family, int, i);
      gsize rss = rss_of (pid);
      g_autofree char *comm = name_of (pid);

      total += rss;
      if (rss > 20 * 1024)
        g_string_append_printf (detail, " %s %.0f", comm, rss / 1024.0);
    }
  *n_processes = family->len;

  return total;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* The value below which a fraction @p of @values lie (sorts @values). */
double
bench_percentile (GArray *values,
                  double  p)
{
  guint index;

  if (values->len == 0)
    return 0;

  g_array_sort (values, compare_doubles);
  index = MIN (values->len - 1, (guint)(p * values->len));

  return g_array_index (values, double, index);
}
