/* bench-preview.c
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
 * Keystroke-to-preview benchmark. Opens the shared corpus documents in the real window with the
 * real WebKit preview, types single characters at random places (before each, the cursor is
 * moved there and brought into view, and the window rests for 300 ms, as after a click) and
 * prints, per document:
 *
 * - keystroke -> DOM: from the keystroke to BylinePreview::updated (the page script returned
 *   after patching the DOM), p50 and p95;
 * - keystroke -> complete: the same until the page also shows what the edit changes elsewhere
 *   (an edit to a reference definition is shown at once, and links that use it after a render
 *   of the whole text);
 * - keystroke -> painted: until two animation frames have passed in the page afterwards;
 * - main-thread CPU time per keystroke (CLOCK_THREAD_CPUTIME_ID), from the keystroke until the
 *   preview is painted and until the DOM is updated, p50 and p95;
 * - main-thread busy time per keystroke: wall time minus the time the main loop spent sleeping
 *   in poll(), from the keystroke until the preview is painted, p50 and p95; the same until the
 *   DOM is updated; and the keystroke handler alone (the buffer insert with every synchronous
 *   signal handler: the text mirror, highlighting and spell-checking invalidation, the render
 *   queued);
 * - main-thread CPU time from the keystroke until the window settles: 150 ms later (or when the
 *   preview is painted, if later), once the editor has highlighted, spell-checked and drawn the
 *   edit; the cursor does not blink during the run. With the preview in view this window also
 *   holds the benchmark's own check that the page was painted (two animation frames);
 * - first render: from opening the file to the first update that shows its blocks;
 * - RSS of this process and its WebKit processes after the first render, right after the edits
 *   and after a rest of a few seconds.
 *
 * With --layout editor the file is opened and shown as above, then the edits are made with the
 * preview out of view, and only the keystroke's main-thread figures and memory are printed:
 * set beside a default run, they tell what the preview adds to a keystroke. --no-spellcheck and
 * --no-highlighting tell the same of the editor's spell checking and syntax highlighting.
 *
 * Run under Xvfb with a session bus, e.g.:
 *   GSK_RENDERER=cairo dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
 *     _build/bench/bench-preview [--edits N] [--seed S] [--layout editor] [--no-spellcheck] \
 *       [--no-highlighting] [10k 100k 1m 5m]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-process.h"
#include "byline-application.h"
#include "byline-text-mirror.h"
#include "byline-window.h"

#define WAIT_LIMIT_SECONDS 120
#define UPDATE_LIMIT_SECONDS 5
#define REST_SECONDS 10
#define CLICK_PAUSE_MS 300
#define SETTLE_MS 150

static BylineApplication *app;
static gboolean editor_only;
static gboolean no_highlighting;



/* Main-thread CPU time spent drawing frames (all of the frame clock's phases: GTK measuring,
 * snapshotting and rendering the window with the GSK renderer, and GDK's window-system work). */
static gint64 frame_cpu;
static gint64 frame_started;
static guint n_frames;

static gboolean
frame_begin_hook (GSignalInvocationHint *hint,
                  guint                  n_params,
                  const GValue          *params,
                  gpointer               data)
{
  frame_started = bench_thread_cpu_time ();

  return TRUE;
}

static void
frame_end_cb (GdkFrameClock *clock)
{
  if (frame_started != 0)
    {
      frame_cpu += bench_thread_cpu_time () - frame_started;
      n_frames++;
    }
  frame_started = 0;
}


typedef struct
{
  gboolean done;
} Call;

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                result, &error);
  if (error != NULL)
    g_printerr ("JavaScript failed: %s\n", error->message);
  ((Call *)user_data)->done = TRUE;
}

static gboolean
call_done (gpointer data)
{
  return ((Call *)data)->done;
}

/* Waits until the page has painted: two animation frames after now. */
static void
wait_painted (BylinePreview *preview)
{
  Call call = { FALSE };

  webkit_web_view_call_async_javascript_function (
    byline_preview_get_web_view (preview),
    "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))",
    -1, NULL, NULL, NULL, NULL, call_cb, &call);
  if (!bench_wait_until (call_done, &call, WAIT_LIMIT_SECONDS))
    g_error ("The page never painted");
}




typedef struct
{
  BylineDocument *document;
  BylinePreview  *preview;
  guint           updates;
  guint           last_n_blocks;
  guint           full_n_blocks;
  gint64          updated_at;
  gint64          first_at;
  gboolean        saw_provisional;
  gint64          final_render_at;
  /* The latest render result sent to the page, and the main thread's CPU time then. */
  gint64          result_at;
  gint64          result_cpu;
} Watch;

static void
render_result_cb (BylinePage *page,
                  GParamSpec *pspec,
                  Watch      *watch)
{
  BylineRenderResult *result = byline_page_get_render_result (page);

  if (result == NULL)
    return;
  watch->result_at = g_get_monotonic_time ();
  watch->result_cpu = bench_thread_cpu_time ();
  if (byline_render_result_is_provisional (result))
    watch->saw_provisional = TRUE;
  else if (watch->saw_provisional && watch->final_render_at == 0)
    watch->final_render_at = g_get_monotonic_time ();
}

static gboolean
shows_final (gpointer data)
{
  Watch *watch = data;

  return watch->final_render_at != 0 && watch->updated_at > watch->final_render_at;
}

static void
updated_cb (BylinePreview *preview,
            guint          n_blocks,
            Watch         *watch)
{
  watch->updates++;
  watch->last_n_blocks = n_blocks;
  watch->updated_at = g_get_monotonic_time ();

  /* The loader inserts the file in chunks, and each renders: the first render is the first
   * update that shows the whole file. */
  if (watch->first_at == 0 && n_blocks == watch->full_n_blocks)
    watch->first_at = watch->updated_at;
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Runs the main loop until SETTLE_MS after the keystroke at @start (in monotonic time): by then
 * the editor has highlighted and spell-checked the edit and drawn it, and the preview, when in
 * view, has shown it. */
static void
run_until_settled (gint64 start)
{
  gint64 left = start + SETTLE_MS * 1000 - g_get_monotonic_time ();

  if (left > 0)
    bench_run_for (left / 1000);
}

static gboolean
document_loaded (gpointer data)
{
  Watch *watch = data;
  gboolean loading = TRUE;

  g_object_get (watch->document, "loading", &loading, NULL);

  return !loading && gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (watch->document)) > 0;
}

static gboolean
shows_document (gpointer data)
{
  Watch *watch = data;

  return watch->first_at != 0;
}

typedef struct
{
  Watch *watch;
  guint  updates;
} UpdateWait;

static gboolean
updated_since (gpointer data)
{
  UpdateWait *wait = data;

  return wait->watch->updates > wait->updates;
}

static void
bench_document (const char *name,
                guint       n_edits,
                GRand      *rand)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) to_dom = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) to_paint = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) to_complete = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_provisional = 0;
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) busy_dom = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handler = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_dom = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_other = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_settled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  const char *shared = g_getenv ("BYLINE_SHARED_DIR");
  BylineWindow *window;
  BylinePage *page;
  GtkSourceView *view;
  GtkTextBuffer *buffer;
  Watch watch = { 0 };
  gint64 opened_at;
  double first_dom, first_paint;
  gsize rss_first, rss_after, rss_rested;
  guint n_procs_first, n_procs_after, n_procs_rested;
  guint unchanged = 0;
  gsize size = 0;
  double full_ms = 0, partial_ms = 0, snapshot_ms, slice_ms;
  BylineTextMirror *mirror;
  g_autoptr(GBytes) mirrored = NULL;
  g_autoptr(GBytes) sliced = NULL;
  g_autoptr(GString) detail_first = g_string_new (NULL);
  g_autoptr(GString) detail_after = g_string_new (NULL);
  g_autoptr(GString) detail_rested = g_string_new (NULL);

  path = g_strdup_printf ("%s/corpus/%s.md", shared ? shared : "../shared", name);
  file = g_file_new_for_path (path);
  {
    g_autofree char *contents = NULL;
    g_autoptr(BylineRenderer) renderer = byline_renderer_new ();
    g_autoptr(BylineRenderResult) result = NULL;
    g_autoptr(GBytes) bytes = NULL;
    gint64 start;

    if (!g_file_get_contents (path, &contents, &size, NULL))
      g_error ("Cannot read %s", path);
    result = byline_renderer_render (renderer, contents, size);
    watch.full_n_blocks = byline_render_result_get_n_blocks (result);

    /* What the main thread spends on a snapshot of the text, and the worker on a full and on
     * an incremental render after one typed letter. */
    {
      g_autoptr(BylineRenderResult) full = NULL;
      g_autoptr(BylineRenderResult) partial = NULL;
      g_autoptr(GString) edited = g_string_new_len (contents, size);

      g_string_insert_c (edited, size / 2 - (size / 2) % 64, 'x');
      bytes = g_bytes_new (edited->str, edited->len);
      start = g_get_monotonic_time ();
      full = byline_renderer_render_bytes (renderer, NULL, bytes);
      full_ms = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      partial = byline_renderer_render_bytes (renderer, result, bytes);
      partial_ms = (g_get_monotonic_time () - start) / 1000.0;
    }
  }

  window = byline_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  bench_settle ();
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

    /* From before GDK's own window-system handlers of the first phase to after those of the
     * last. */
    g_signal_add_emission_hook (g_signal_lookup ("before-paint", GDK_TYPE_FRAME_CLOCK), 0,
                                frame_begin_hook, NULL, NULL);
    g_signal_connect_after (clock, "after-paint", G_CALLBACK (frame_end_cb), NULL);
  }
  /* The window is up and drawn before the file opens (its empty page's preview may still be
   * loading: a script sent to it now would be dropped with the page). */
  bench_wait_until (window_mapped, window, WAIT_LIMIT_SECONDS);
  bench_settle ();

  opened_at = g_get_monotonic_time ();
  byline_window_open_file (window, file);
  page = byline_window_get_page (window);
  watch.document = byline_page_get_document (page);
  watch.preview = byline_page_get_preview (page);
  g_signal_connect (watch.preview, "updated", G_CALLBACK (updated_cb), &watch);
  g_signal_connect (page, "notify::render-result", G_CALLBACK (render_result_cb), &watch);

  if (!bench_wait_until (document_loaded, &watch, WAIT_LIMIT_SECONDS))
    g_error ("%s never loaded", path);
  if (!bench_wait_until (shows_document, &watch, WAIT_LIMIT_SECONDS))
    g_error ("%s never rendered", path);
  first_dom = (watch.first_at - opened_at) / 1000.0;
  wait_painted (watch.preview);
  first_paint = (g_get_monotonic_time () - opened_at) / 1000.0;
  bench_settle ();
  rss_first = bench_total_rss (&n_procs_first, detail_first);

  view = byline_page_get_view (page);
  buffer = GTK_TEXT_BUFFER (watch.document);

  /* The page was shown once, for the figures above; the editor alone has the window now. */
  if (editor_only)
    {
      g_settings_set_string (settings, "layout", "editor");
      if (!bench_wait_until (unmapped, watch.preview, WAIT_LIMIT_SECONDS))
        g_error ("The preview stayed in view");
      bench_settle ();
    }
  if (no_highlighting)
    gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer), FALSE);

  /* The page's own mirror: a second one here would add its upkeep to every keystroke. */
  mirror = byline_page_get_text_mirror (page);
  {
    g_autoptr(GBytes) text = byline_text_mirror_dup_bytes (mirror);
    gint64 start = g_get_monotonic_time ();

    for (guint i = 0; i < 10; i++)
      g_bytes_unref (byline_document_dup_text (watch.document));
    slice_ms = (g_get_monotonic_time () - start) / 10000.0;
    /* The mirror hands out one snapshot per version of the text: what a new version costs is
     * a copy. */
    start = g_get_monotonic_time ();
    for (guint i = 0; i < 10; i++)
      g_bytes_unref (g_bytes_new (g_bytes_get_data (text, NULL), g_bytes_get_size (text)));
    snapshot_ms = (g_get_monotonic_time () - start) / 10000.0;
  }
  gtk_widget_grab_focus (GTK_WIDGET (view));

  for (guint i = 0; i < n_edits; i++)
    {
      UpdateWait wait = { &watch, 0 };
      GtkTextIter iter;
      gint64 start, poll_before, cpu_before, frame_before;
      guint frames_before;
      int n_chars = gtk_text_buffer_get_char_count (buffer);

      /* Move the cursor first, as a writer clicks on the text in view and takes a moment before
       * the first key: the editor brings the cursor into view and the window comes to rest.
       * None of that is the keystroke's (a keystroke at a cursor out of view would also scroll
       * the editor there and lay out a screenful of lines). */
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_rand_int_range (rand, 0, n_chars));
      gtk_text_buffer_place_cursor (buffer, &iter);
      gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (view), gtk_text_buffer_get_insert (buffer));
      bench_run_for (CLICK_PAUSE_MS);
      bench_settle ();
      if (!editor_only)
        wait_painted (watch.preview);
      bench_settle ();

      wait.updates = watch.updates;
      poll_before = bench_poll_time ();
      watch.saw_provisional = FALSE;
      watch.final_render_at = 0;
      frame_before = frame_cpu;
      frames_before = n_frames;
      cpu_before = bench_thread_cpu_time ();
      start = g_get_monotonic_time ();
      g_signal_emit_by_name (view, "insert-at-cursor", "x");
      g_array_append_val (handler, (double){ (g_get_monotonic_time () - start) / 1000.0 });

      if (editor_only)
        {
          run_until_settled (start);
          g_array_append_val (cpu_settled, (double){ (bench_thread_cpu_time () - cpu_before) / 1000.0 });
          g_array_append_val (frames, (double){ n_frames - frames_before });
          if (g_getenv ("BYLINE_BENCH_VERBOSE"))
            g_print ("  edit %3u at %.6f s cpu %6.1f ms until settled, %u frames\n",
                     i, start / (double) G_USEC_PER_SEC,
                     g_array_index (cpu_settled, double, cpu_settled->len - 1),
                     n_frames - frames_before);
          continue;
        }

      if (!bench_wait_until (updated_since, &wait, UPDATE_LIMIT_SECONDS))
        {
          /* The character changed nothing visible (say, inside an HTML comment). */
          unchanged++;
          continue;
        }
      g_array_append_val (cpu_dom, (double){ (bench_thread_cpu_time () - cpu_before) / 1000.0 });
      g_array_append_val (to_dom, (double){ (watch.updated_at - start) / 1000.0 });
      g_array_append_val (busy_dom, (double){ ((g_get_monotonic_time () - start) -
                                               (bench_poll_time () - poll_before)) / 1000.0 });

      /* An edit to a reference definition shows at once around it; links elsewhere follow
       * with a render of the whole text, shown by a later update (or by none, when no link
       * changed). */
      if (watch.saw_provisional)
        {
          n_provisional++;
          if (bench_wait_until (shows_final, &watch, UPDATE_LIMIT_SECONDS))
            g_array_append_val (to_complete, (double){ (watch.updated_at - start) / 1000.0 });
          else
            g_array_append_val (to_complete, (double){ (watch.final_render_at - start) / 1000.0 });
        }
      else
        g_array_append_val (to_complete, (double){ (watch.updated_at - start) / 1000.0 });
      if (g_getenv ("BYLINE_BENCH_VERBOSE"))
        {
          GtkTextIter line_start, line_end;
          g_autofree char *line = NULL;

          gtk_text_buffer_get_iter_at_mark (buffer, &line_start, gtk_text_buffer_get_insert (buffer));
          line_end = line_start;
          gtk_text_iter_set_line_offset (&line_start, 0);
          if (!gtk_text_iter_ends_line (&line_end))
            gtk_text_iter_forward_to_line_end (&line_end);
          line = gtk_text_iter_get_slice (&line_start, &line_end);
          /* The keystroke's monotonic time, to match with a profiler's samples. */
          g_print ("  edit %3u at %.6f s line %6d dom %7.1f ms busy %6.1f ms cpu %6.1f ms "
                   "(sent %5.1f ms, cpu %4.1f ms): %.60s\n",
                   i, start / (double) G_USEC_PER_SEC, gtk_text_iter_get_line (&line_start) + 1,
                   (watch.updated_at - start) / 1000.0,
                   g_array_index (busy_dom, double, busy_dom->len - 1),
                   g_array_index (cpu_dom, double, cpu_dom->len - 1),
                   (watch.result_at - start) / 1000.0, (watch.result_cpu - cpu_before) / 1000.0,
                   line);
        }
      wait_painted (watch.preview);
      g_array_append_val (cpu, (double){ (bench_thread_cpu_time () - cpu_before) / 1000.0 });
      g_array_append_val (cpu_frames, (double){ (frame_cpu - frame_before) / 1000.0 });
      g_array_append_val (cpu_other, (double){ ((bench_thread_cpu_time () - cpu_before) -
                                                (frame_cpu - frame_before)) / 1000.0 });
      g_array_append_val (frames, (double){ n_frames - frames_before });
      g_array_append_val (to_paint, (double){ (g_get_monotonic_time () - start) / 1000.0 });
      g_array_append_val (busy, (double){ ((g_get_monotonic_time () - start) -
                                           (bench_poll_time () - poll_before)) / 1000.0 });
      run_until_settled (start);
      g_array_append_val (cpu_settled, (double){ (bench_thread_cpu_time () - cpu_before) / 1000.0 });
      if (g_getenv ("BYLINE_BENCH_VERBOSE"))
        g_print ("  edit %3u settled: cpu %6.1f ms, %u frames\n", i,
                 g_array_index (cpu_settled, double, cpu_settled->len - 1),
                 n_frames - frames_before);
    }

  bench_settle ();
  if (!editor_only)
    wait_painted (watch.preview);
  bench_settle ();
  rss_after = bench_total_rss (&n_procs_after, detail_after);

  /* The writer pauses: what the processes hold once they had a few seconds to collect their
   * garbage. */
  {
    bench_run_for (REST_SECONDS * 1000);
    rss_rested = bench_total_rss (&n_procs_rested, detail_rested);
  }

  /* The page renders from a mirror of the buffer: it must still match after the edits. */
  mirrored = byline_text_mirror_dup_bytes (mirror);
  sliced = byline_document_dup_text (watch.document);
  if (!g_bytes_equal (mirrored, sliced))
    g_error ("The text mirror no longer matches the buffer");

  g_print ("%-5s %8.0f KB  first render: DOM %7.1f ms, painted %7.1f ms\n",
           name, size / 1000.0, first_dom, first_paint);
  if (editor_only)
    {
      g_print ("      editor only (the preview out of view) for the %u edits\n", n_edits);
      g_print ("      main thread CPU      p50 %7.1f ms  p95 %7.1f ms  (keystroke until settled, %d ms; %.0f frames p50)\n",
               bench_percentile (cpu_settled, 0.5), bench_percentile (cpu_settled, 0.95),
               SETTLE_MS, bench_percentile (frames, 0.5));
      g_print ("      keystroke handler    p50 %7.2f ms  p95 %7.2f ms  (synchronous part of the insert)\n",
               bench_percentile (handler, 0.5), bench_percentile (handler, 0.95));
      goto shared_figures;
    }
  g_print ("      keystroke -> DOM     p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (%u edits, %u changed nothing)\n",
           bench_percentile (to_dom, 0.5), bench_percentile (to_dom, 0.95), bench_percentile (to_dom, 1.0),
           n_edits, unchanged);
  g_print ("      keystroke -> complete p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (%u edits to definitions: shown at once, links elsewhere after a full render)\n",
           bench_percentile (to_complete, 0.5), bench_percentile (to_complete, 0.95),
           bench_percentile (to_complete, 1.0), n_provisional);
  g_print ("      keystroke -> painted p50 %7.1f ms  p95 %7.1f ms\n",
           bench_percentile (to_paint, 0.5), bench_percentile (to_paint, 0.95));
  g_print ("      main thread CPU      p50 %7.1f ms  p95 %7.1f ms  (keystroke until painted)\n",
           bench_percentile (cpu, 0.5), bench_percentile (cpu, 0.95));
  g_print ("      main thread CPU      p50 %7.1f ms  p95 %7.1f ms  (keystroke until DOM updated)\n",
           bench_percentile (cpu_dom, 0.5), bench_percentile (cpu_dom, 0.95));
  g_print ("        of which drawing   p50 %7.1f ms  p95 %7.1f ms  (GTK frames: layout, snapshot, render; %.0f frames p50)\n",
           bench_percentile (cpu_frames, 0.5), bench_percentile (cpu_frames, 0.95), bench_percentile (frames, 0.5));
  g_print ("        all but drawing    p50 %7.1f ms  p95 %7.1f ms  (input, Byline's handlers, preview update, WebKit UI side)\n",
           bench_percentile (cpu_other, 0.5), bench_percentile (cpu_other, 0.95));
  g_print ("      main thread busy     p50 %7.1f ms  p95 %7.1f ms  (keystroke until painted)\n",
           bench_percentile (busy, 0.5), bench_percentile (busy, 0.95));
  g_print ("      main thread busy     p50 %7.1f ms  p95 %7.1f ms  (keystroke until DOM updated)\n",
           bench_percentile (busy_dom, 0.5), bench_percentile (busy_dom, 0.95));
  g_print ("      main thread CPU      p50 %7.1f ms  p95 %7.1f ms  (keystroke until settled, %d ms or until painted if later)\n",
           bench_percentile (cpu_settled, 0.5), bench_percentile (cpu_settled, 0.95), SETTLE_MS);
  g_print ("      keystroke handler    p50 %7.2f ms  p95 %7.2f ms  (synchronous part of the insert)\n",
           bench_percentile (handler, 0.5), bench_percentile (handler, 0.95));
shared_figures:
  g_print ("      main thread snapshot of the text %5.2f ms (from the buffer %5.2f ms); "
           "worker full render %6.1f ms, incremental after one letter %5.2f ms\n",
           snapshot_ms, slice_ms, full_ms, partial_ms);
  g_print ("      RSS after first render %7.1f MB (%u processes), after edits %7.1f MB (%u processes), %+.1f %%\n",
           rss_first / 1024.0, n_procs_first, rss_after / 1024.0, n_procs_after,
           100.0 * ((double)rss_after - rss_first) / rss_first);
  g_print ("      RSS after a %d s rest %7.1f MB (%u processes), %+.1f %%\n",
           REST_SECONDS, rss_rested / 1024.0, n_procs_rested,
           100.0 * ((double)rss_rested - rss_first) / rss_first);
  g_print ("      RSS by process (MB), after first render:%s; after edits:%s; after the rest:%s\n",
           detail_first->str, detail_after->str, detail_rested->str);

  g_signal_handlers_disconnect_by_data (watch.preview, &watch);
  g_signal_handlers_disconnect_by_data (page, &watch);
  gtk_text_buffer_set_modified (buffer, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  bench_settle ();
  g_settings_reset (settings, "layout");
}

int
main (int   argc,
      char *argv[])
{
  const char *default_sizes[] = { "10k", "100k", "1m", "5m", NULL };
  g_auto(GStrv) sizes = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int n_edits = 200;
  int seed = 4;
  gboolean no_spellcheck = FALSE;
  g_autofree char *layout = NULL;
  GOptionEntry entries[] = {
    { "edits", 0, 0, G_OPTION_ARG_INT, &n_edits, "Edits per document", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", "S" },
    { "no-spellcheck", 0, 0, G_OPTION_ARG_NONE, &no_spellcheck, "Turn spell checking off", NULL },
    { "no-highlighting", 0, 0, G_OPTION_ARG_NONE, &no_highlighting, "Turn syntax highlighting off", NULL },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout,
      "Type with the preview in view (split, the default) or out of view (editor)", "LAYOUT" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &sizes, NULL, "SIZE…" },
    { NULL }
  };

  /* As Byline's main() does. */
  byline_application_prepare_process ();

  context = g_option_context_new ("— measure keystroke-to-preview latency");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (layout != NULL && !g_str_equal (layout, "split") && !g_str_equal (layout, "editor"))
    {
      g_printerr ("--layout is split or editor\n");
      return 1;
    }
  editor_only = g_strcmp0 (layout, "editor") == 0;

  gtk_init ();
  bench_time_polls ();
  /* The cursor's blink fades it in and out with frames on a clock of its own, typing or not:
   * they would land in random keystrokes' figures. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  app = byline_application_new ("io.github.byline.Byline.Bench", G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_application_hold (G_APPLICATION (app));

  if (no_spellcheck)
    {
      g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

      g_settings_set_boolean (settings, "spellcheck", FALSE);
    }

  rand = g_rand_new_with_seed (seed);
  g_print ("GSK_RENDERER=%s, %d edits per document, seed %d, spell checking %s, "
           "highlighting %s, %s\n",
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)", n_edits, seed,
           no_spellcheck ? "off" : "on", no_highlighting ? "off" : "on",
           editor_only ? "editor only" : "editor and preview");

  for (guint i = 0; (sizes ? sizes[i] : default_sizes[i]) != NULL; i++)
    bench_document (sizes ? sizes[i] : default_sizes[i], n_edits, rand);

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return 0;
}
