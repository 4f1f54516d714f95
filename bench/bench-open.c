/* bench-open.c
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

/*
 * Opening benchmark, as a user starts the program: each run is a new process with a fresh home,
 * on no file or on a corpus document, and the same for GNOME Text Editor as the baseline, runs
 * interleaved. Per document and program it prints the medians of:
 *
 * - mapped: from starting the process to the X server's MapNotify of its top-level window;
 * - painted: to the preview's first paint that shows blocks of the document (Byline writes the
 *   monotonic time of it to the descriptor in BYLINE_BENCH_FD);
 * - quiet: to the last moment the CPU time of the process and all it started (the WebKit web
 *   and network processes) grew, once it has not grown for QUIET_MS;
 * - CPU: the CPU time that process tree used until then;
 * - PSS: the proportional set size of the tree once quiet, summed over its processes, and the
 *   private part of it (which does not depend on what else the machine runs);
 * - idle: then, left alone for --idle SECONDS (default 10; 0 skips it), how many times its
 *   threads woke up and the CPU time they used: with nothing changing, both should be zero.
 *
 * Both programs run with the cursor not blinking (a blinking cursor redraws for its first 10 s).
 *
 *   bench-open [--runs N] [--idle SECONDS] [--no-baseline] [DOCUMENT…]
 *
 * DOCUMENT is "none" or a name in $BYLINE_SHARED_DIR/corpus without ".md" (default: none 100k
 * 1m 5m). The program is $BYLINE_BENCH_PROGRAM; the baseline is gnome-text-editor from PATH.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <X11/Xlib.h>

#include "bench-process.h"

#define QUIET_MS      1000
#define SAMPLE_MS     50
#define LIMIT_SECONDS 90
#define BENCH_FD      3

typedef struct
{
  double mapped;
  double painted;
  double quiet;
  double cpu;
  double pss;
  double uss;
  double idle_wakeups;
  double idle_cpu;
  guint  n_processes;
  char  *detail;
} Run;

typedef struct
{
  const char *name;
  char       *path;
  GArray     *runs[2];
} Document;

static Display *display;
static gint64 clock_ticks;

/* User and system CPU time of the processes, in clock ticks; exited children of theirs count
 * through cutime and cstime. */
static gint64
tree_ticks (GArray *tree)
{
  gint64 total = 0;

  for (guint i = 0; i < tree->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/stat", g_array_index (tree, int, i));
      g_autofree char *stat = NULL;
      const char *close;
      unsigned long long utime, stime;
      long long cutime, cstime;

      if (!g_file_get_contents (path, &stat, NULL, NULL) || !(close = strrchr (stat, ')')))
        continue;
      if (sscanf (close + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld",
                  &utime, &stime, &cutime, &cstime) == 4)
        total += utime + stime + cutime + cstime;
    }

  return total;
}

/* How many times each thread of the processes was scheduled in (the third field of its
 * schedstat), by process and thread id: every wakeup of a timer, a poll or a lock counts. */
static GHashTable *
tree_wakeups (GArray *tree)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < tree->len; i++)
    {
      g_autofree char *tasks = g_strdup_printf ("/proc/%d/task", g_array_index (tree, int, i));
      g_autoptr(GDir) dir = g_dir_open (tasks, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (tasks, name, "schedstat", NULL);
          g_autofree char *stat = NULL;
          unsigned long long run, wait, count;

          if (g_file_get_contents (path, &stat, NULL, NULL) &&
              sscanf (stat, "%llu %llu %llu", &run, &wait, &count) == 3)
            g_hash_table_insert (counts, g_build_filename (tasks, name, NULL),
                                 GSIZE_TO_POINTER ((gsize)count));
        }
    }

  return counts;
}

/* The wakeups between two counts: threads that ended in between (idle worker threads do) are
 * left out, and threads that started count from zero. */
static gint64
wakeups_between (GHashTable *before,
                 GHashTable *after)
{
  GHashTableIter iter;
  gpointer key, value;
  gint64 total = 0;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer old = NULL;

      if (g_hash_table_lookup_extended (before, key, NULL, &old))
        total += MAX (0, (gint64)GPOINTER_TO_SIZE (value) - (gint64)GPOINTER_TO_SIZE (old));
      else
        total += GPOINTER_TO_SIZE (value);
    }

  return total;
}

static char *
name_of (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/comm", pid);
  char *name = NULL;

  if (!g_file_get_contents (path, &name, NULL, NULL))
    return g_strdup ("?");

  return g_strstrip (name);
}

static gsize
rollup_field (const char *rollup,
              const char *field)
{
  const char *line = strstr (rollup, field);

  return line != NULL ? g_ascii_strtoull (line + strlen (field), NULL, 10) : 0;
}

/* PSS in KiB of each process of @tree, added up; @detail lists them by name. @uss adds up
 * their private pages: PSS shares a library's pages among all the processes of the machine
 * that map it, so it moves with what else runs, and the private part does not. */
static gsize
tree_pss (GArray  *tree,
          guint   *n_processes,
          gsize   *uss,
          GString *detail)
{
  gsize total = 0;

  *uss = 0;
  *n_processes = 0;
  for (guint i = 0; i < tree->len; i++)
    {
      int pid = g_array_index (tree, int, i);
      g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", pid);
      g_autofree char *rollup = NULL;
      g_autofree char *name = NULL;
      const char *line;
      gsize pss;

      if (!g_file_get_contents (path, &rollup, NULL, NULL) || !(line = strstr (rollup, "\nPss:")))
        continue;
      pss = g_ascii_strtoull (line + strlen ("\nPss:"), NULL, 10);
      /* bwrap and other helpers that hold next to nothing are not worth a column. */
      name = name_of (pid);
      g_string_append_printf (detail, "%s%s %.0f", detail->len ? ", " : "", name, pss / 1024.0);
      total += pss;
      *uss += rollup_field (rollup, "\nPrivate_Clean:") + rollup_field (rollup, "\nPrivate_Dirty:");
      (*n_processes)++;
    }

  return total;
}

static gboolean
is_toplevel_map (XEvent *event)
{
  XWindowAttributes attributes;

  if (event->type != MapNotify || event->xmap.override_redirect)
    return FALSE;
  if (!XGetWindowAttributes (display, event->xmap.window, &attributes))
    return FALSE;

  return attributes.width > 1 && attributes.height > 1;
}

static void
kill_tree (int pid)
{
  g_autoptr(GArray) tree = bench_process_tree (pid);

  for (guint i = 0; i < tree->len; i++)
    kill (g_array_index (tree, int, i), SIGKILL);
  while (waitpid (pid, NULL, 0) < 0 && errno == EINTR)
    ;
}

static void
set_home (GStrv       *env,
          const char  *home)
{
  static const struct { const char *variable, *folder; } dirs[] = {
    { "XDG_CONFIG_HOME", ".config" },
    { "XDG_DATA_HOME", ".local/share" },
    { "XDG_CACHE_HOME", ".cache" },
    { "XDG_STATE_HOME", ".local/state" },
    { "XDG_RUNTIME_DIR", "run" },
  };

  g_autofree char *gtk_dir = g_build_filename (home, ".config", "gtk-4.0", NULL);
  g_autofree char *gtk_settings = g_build_filename (gtk_dir, "settings.ini", NULL);

  *env = g_environ_setenv (*env, "HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (home, dirs[i].folder, NULL);

      g_mkdir_with_parents (path, 0700);
      *env = g_environ_setenv (*env, dirs[i].variable, path, TRUE);
    }

  /* A blinking cursor redraws twice a second for its first 10 s, in either program: that is not
   * the work of opening, and would hide when it ends. */
  g_mkdir_with_parents (gtk_dir, 0700);
  if (!g_file_set_contents (gtk_settings, "[Settings]\ngtk-cursor-blink = false\n", -1, NULL))
    g_error ("Cannot write %s", gtk_settings);
}

static gboolean
remove_tree (const char *path)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", path);

  return system (command) == 0;
}

/* One run: starts @argv, waits for its window, its first paint (when @expect_paint) and for it
 * to be quiet, then measures its memory and ends it. */
static guint idle_seconds = 10;

static Run
run_once (const char * const *argv,
          const char         *document,
          gboolean            expect_paint)
{
  g_autofree char *home = g_dir_make_tmp ("bench-open-XXXXXX", NULL);
  g_autofree char *copy = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GArray) tree = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autoptr(GString) from_child = g_string_new (NULL);
  Run run = { -1, -1, -1, -1, -1, -1, -1, -1, 0, NULL };
  gint64 start, last_change, last_sample = 0, ticks = -1, start_ticks = 0, now;
  int fds[2];
  int pid;

  g_assert (home != NULL);
  set_home (&env, home);
  env = g_environ_setenv (env, "BYLINE_BENCH_FD", G_STRINGIFY (BENCH_FD), TRUE);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *)argv[i]);
  if (document != NULL)
    {
      g_autofree char *contents = NULL;
      gsize length;
      g_autofree char *base = g_path_get_basename (document);

      /* A copy in the fresh home, so nothing the program keeps beside a file stays around. */
      copy = g_build_filename (home, base, NULL);
      if (!g_file_get_contents (document, &contents, &length, NULL) ||
          !g_file_set_contents (copy, contents, length, NULL))
        g_error ("Cannot copy %s", document);
      g_ptr_array_add (args, copy);
    }
  g_ptr_array_add (args, NULL);

  if (pipe2 (fds, O_CLOEXEC) != 0)
    g_error ("pipe: %s", g_strerror (errno));

  XSync (display, True);
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      dup2 (fds[1], BENCH_FD);
      setpgid (0, 0);
      execvpe (args->pdata[0], (char **)args->pdata, env);
      _exit (127);
    }
  close (fds[1]);
  last_change = start;

  while (TRUE)
    {
      struct pollfd polls[2] = {
        { ConnectionNumber (display), POLLIN, 0 },
        { fds[0], POLLIN, 0 },
      };

      if (XPending (display) == 0)
        poll (polls, fds[0] >= 0 ? 2 : 1, SAMPLE_MS / 5);
      now = g_get_monotonic_time ();

      while (XPending (display) > 0)
        {
          XEvent event;

          XNextEvent (display, &event);
          if (run.mapped < 0 && is_toplevel_map (&event))
            run.mapped = (now - start) / 1e6;
        }

      if (fds[0] >= 0 && (polls[1].revents & (POLLIN | POLLHUP)))
        {
          char buffer[256];
          gssize n = read (fds[0], buffer, sizeof buffer);
          const char *paint;

          if (n <= 0)
            {
              close (fds[0]);
              fds[0] = -1;
            }
          else
            {
              g_string_append_len (from_child, buffer, n);
              if (run.painted < 0 && (paint = strstr (from_child->str, "paint ")) &&
                  strchr (paint, '\n'))
                run.painted = (g_ascii_strtoll (paint + strlen ("paint "), NULL, 10) - start) / 1e6;
            }
        }

      if (now - last_sample >= SAMPLE_MS * 1000)
        {
          gint64 sampled;

          last_sample = now;
          g_clear_pointer (&tree, g_array_unref);
          tree = bench_process_tree (pid);
          sampled = tree_ticks (tree);
          if (ticks < 0)
            start_ticks = sampled;
          if (sampled != ticks)
            {
              ticks = sampled;
              last_change = now;
            }
        }

      if (run.mapped >= 0 && (!expect_paint || run.painted >= 0) &&
          now - last_change >= QUIET_MS * 1000)
        break;
      if (now - start > LIMIT_SECONDS * G_USEC_PER_SEC)
        {
          g_printerr ("%s did not settle within %d s (mapped %.2f, painted %.2f)\n",
                      argv[0], LIMIT_SECONDS, run.mapped, run.painted);
          break;
        }
    }

  run.quiet = (last_change - start) / 1e6;
  run.cpu = (double)(ticks - start_ticks) / clock_ticks;
  {
    gsize uss;

    run.pss = tree_pss (tree, &run.n_processes, &uss, detail) / 1024.0;
    run.uss = uss / 1024.0;
  }
  run.detail = g_string_free (g_steal_pointer (&detail), FALSE);

  /* Then left alone with nothing changing, it should not wake up at all. */
  if (idle_seconds > 0)
    {
      g_autoptr(GHashTable) wakeups = tree_wakeups (tree);
      g_autoptr(GHashTable) later = NULL;
      gint64 idle_ticks = tree_ticks (tree);

      g_usleep (idle_seconds * G_USEC_PER_SEC);
      g_clear_pointer (&tree, g_array_unref);
      tree = bench_process_tree (pid);
      later = tree_wakeups (tree);
      run.idle_wakeups = wakeups_between (wakeups, later);
      run.idle_cpu = MAX (0, (double)(tree_ticks (tree) - idle_ticks) / clock_ticks);
    }

  kill_tree (pid);
  if (fds[0] >= 0)
    close (fds[0]);
  remove_tree (home);

  return run;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *runs,
        gsize   offset)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs->len; i++)
    {
      double value = G_STRUCT_MEMBER (double, &g_array_index (runs, Run, i), offset);

      if (value >= 0)
        g_array_append_val (values, value);
    }
  if (values->len == 0)
    return -1;
  g_array_sort (values, compare_doubles);

  return values->len % 2 ? g_array_index (values, double, values->len / 2)
                         : (g_array_index (values, double, values->len / 2 - 1) +
                            g_array_index (values, double, values->len / 2)) / 2;
}

static char *
format (double      value,
        const char *unit)
{
  return value < 0 ? g_strdup ("-") : g_strdup_printf ("%.2f%s", value, unit);
}

static void
print_row (const char *document,
           const char *program,
           GArray     *runs)
{
  static const struct { gsize offset; const char *unit; } columns[] = {
    { G_STRUCT_OFFSET (Run, mapped), " s" },
    { G_STRUCT_OFFSET (Run, painted), " s" },
    { G_STRUCT_OFFSET (Run, quiet), " s" },
    { G_STRUCT_OFFSET (Run, cpu), " s" },
  };
  double wakeups = median (runs, G_STRUCT_OFFSET (Run, idle_wakeups));
  double idle_cpu = median (runs, G_STRUCT_OFFSET (Run, idle_cpu));

  g_print ("%-8s %-18s", document, program);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *text = format (median (runs, columns[i].offset), columns[i].unit);

      g_print (" %9s", text);
    }
  g_print (" %8.0f MiB (%u) %5.0f MiB", median (runs, G_STRUCT_OFFSET (Run, pss)),
           g_array_index (runs, Run, runs->len - 1).n_processes,
           median (runs, G_STRUCT_OFFSET (Run, uss)));
  if (wakeups >= 0)
    g_print (" %8.0f %7.2f s", wakeups, idle_cpu);
  g_print ("\n");
}

static void
print_ratio (const char *document,
             GArray     *runs,
             GArray     *baseline)
{
  static const gsize offsets[] = {
    G_STRUCT_OFFSET (Run, mapped), G_STRUCT_OFFSET (Run, painted),
    G_STRUCT_OFFSET (Run, quiet), G_STRUCT_OFFSET (Run, cpu), G_STRUCT_OFFSET (Run, pss),
    G_STRUCT_OFFSET (Run, uss),
  };

  /* The PSS column is wider. */

  g_print ("%-8s %-18s", document, "ratio");
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      double a = median (runs, offsets[i]), b = median (baseline, offsets[i]);
      g_autofree char *text = a >= 0 && b > 0 ? g_strdup_printf ("%.2fx", a / b) : g_strdup ("-");

      g_print (i == G_N_ELEMENTS (offsets) - 2 ? " %12s" : " %9s", text);
    }
  g_print ("\n");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const default_documents[] = { "none", "100k", "1m", "5m", NULL };
  g_autofree char *corpus = NULL;
  g_autofree char *baseline_path = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  const char *program = g_getenv ("BYLINE_BENCH_PROGRAM");
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");
  const char * const *names = default_documents;
  guint n_runs = 3;
  gboolean baseline = TRUE;
  int i;

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          int runs = atoi (argv[++i]);

          n_runs = MAX (1, runs);
        }
      else if (g_str_equal (argv[i], "--idle") && i + 1 < argc)
        idle_seconds = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--no-baseline"))
        baseline = FALSE;
      else
        {
          g_printerr ("Usage: %s [--runs N] [--idle SECONDS] [--no-baseline] [DOCUMENT…]\n",
                      argv[0]);
          return 2;
        }
    }
  if (i < argc)
    names = (const char * const *)&argv[i];

  if (program == NULL)
    g_error ("BYLINE_BENCH_PROGRAM names no program");
  corpus = g_build_filename (shared ? shared : "../shared", "corpus", NULL);
  if (baseline && !(baseline_path = g_find_program_in_path ("gnome-text-editor")))
    {
      g_print ("gnome-text-editor is not installed: no baseline\n");
      baseline = FALSE;
    }
  if (!(display = XOpenDisplay (NULL)))
    g_error ("Cannot open the display");
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  clock_ticks = sysconf (_SC_CLK_TCK);

  for (i = 0; names[i] != NULL; i++)
    {
      Document *document = g_new0 (Document, 1);

      document->name = names[i];
      if (!g_str_equal (names[i], "none"))
        {
          g_autofree char *file = g_strconcat (names[i], ".md", NULL);

          document->path = g_build_filename (corpus, file, NULL);
          if (!g_file_test (document->path, G_FILE_TEST_IS_REGULAR))
            g_error ("No document %s", document->path);
        }
      document->runs[0] = g_array_new (FALSE, FALSE, sizeof (Run));
      document->runs[1] = g_array_new (FALSE, FALSE, sizeof (Run));
      g_ptr_array_add (documents, document);
    }

  /* Interleaved: each round opens every document in each program in turn, so a slower moment
   * of a shared machine falls on both. */
  for (guint round = 0; round < n_runs; round++)
    for (guint d = 0; d < documents->len; d++)
      {
        Document *document = g_ptr_array_index (documents, d);
        const char *byline_argv[] = { program, NULL };
        const char *baseline_argv[] = { baseline_path, "--standalone", NULL };
        Run run;

        run = run_once (byline_argv, document->path, document->path != NULL);
        g_array_append_val (document->runs[0], run);
        if (g_getenv ("BYLINE_BENCH_VERBOSE"))
          g_print ("  %s byline run %u: mapped %.3f painted %.3f quiet %.3f cpu %.2f pss %.0f (%s)\n",
                   document->name, round + 1, run.mapped, run.painted, run.quiet, run.cpu,
                   run.pss, run.detail);
        if (baseline)
          {
            run = run_once (baseline_argv, document->path, FALSE);
            g_array_append_val (document->runs[1], run);
            if (g_getenv ("BYLINE_BENCH_VERBOSE"))
              g_print ("  %s gnome-text-editor run %u: mapped %.3f quiet %.3f cpu %.2f pss %.0f (%s)\n",
                       document->name, round + 1, run.mapped, run.quiet, run.cpu, run.pss,
                       run.detail);
          }
      }

  g_print ("Medians of %u runs (a new process and home each, interleaved)\n", n_runs);
  g_print ("%-8s %-18s %9s %9s %9s %9s %12s %9s", "document", "program", "mapped", "painted",
           "quiet", "CPU", "PSS (procs)", "private");
  if (idle_seconds > 0)
    g_print ("  idle %u s: wakeups, CPU", idle_seconds);
  g_print ("\n");
  for (guint d = 0; d < documents->len; d++)
    {
      Document *document = g_ptr_array_index (documents, d);

      print_row (document->name, "byline", document->runs[0]);
      if (baseline)
        {
          print_row (document->name, "gnome-text-editor", document->runs[1]);
          print_ratio (document->name, document->runs[0], document->runs[1]);
        }
    }
  for (guint d = 0; d < documents->len; d++)
    {
      Document *document = g_ptr_array_index (documents, d);
      GArray *runs = document->runs[0];

      g_print ("PSS in MiB, %s, last run: %s\n", document->name,
               g_array_index (runs, Run, runs->len - 1).detail);
    }

  XCloseDisplay (display);

  return 0;
}
