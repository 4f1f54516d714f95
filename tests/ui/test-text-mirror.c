/* test-text-mirror.c
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
 * The flat copy of the buffer that the renderer snapshots must equal the buffer after any
 * sequence of edits: random inserts and deletions over ASCII, accented letters, CJK and emoji,
 * near and far from the previous edit, so both directions of the offset walk and its ASCII
 * fast path are crossed.
 *
 * Snapshots are shared until the text changes, and one already handed out never changes. The
 * word counter counts a burst of keystrokes once, after the writer pauses, and counts the text
 * as it ended.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "byline-text-mirror.h"
#include "byline-word-counter.h"

static const char *pieces[] = {
  "a", "plain ascii words ", "\n", "é", "naïve café ", "漢字かな", "👩‍👩‍👧", "x\r\ny",
  "0123456789abcdef0123456789abcdef", "\t- [ ] task\n",
};

static void
assert_mirrors (BylineTextMirror *mirror,
                GtkTextBuffer    *buffer)
{
  g_autoptr(GBytes) mirrored = byline_text_mirror_dup_bytes (mirror);
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  gsize len;
  const char *data;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_slice (buffer, &start, &end, TRUE);
  data = g_bytes_get_data (mirrored, &len);
  g_assert_cmpuint (len, ==, strlen (text));
  g_assert_true (memcmp (data, text, len) == 0);
}

static void
test_random_edits (void)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr(BylineTextMirror) mirror = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) initial = g_string_new (NULL);

  for (guint i = 0; i < 400; i++)
    g_string_append (initial, pieces[i % G_N_ELEMENTS (pieces)]);
  gtk_text_buffer_set_text (buffer, initial->str, -1);
  mirror = byline_text_mirror_new (buffer);
  assert_mirrors (mirror, buffer);

  for (guint i = 0; i < 3000; i++)
    {
      int n_chars = gtk_text_buffer_get_char_count (buffer);
      GtkTextIter start, end;

      if (g_rand_int_range (rand, 0, 3) > 0 || n_chars < 10)
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

          gtk_text_buffer_get_iter_at_offset (buffer, &start, g_rand_int_range (rand, 0, n_chars + 1));
          gtk_text_buffer_insert (buffer, &start, piece, -1);
        }
      else
        {
          int from = g_rand_int_range (rand, 0, n_chars);
          int to = MIN (n_chars, from + g_rand_int_range (rand, 1, 40));

          gtk_text_buffer_get_iter_at_offset (buffer, &start, from);
          gtk_text_buffer_get_iter_at_offset (buffer, &end, to);
          gtk_text_buffer_delete (buffer, &start, &end);
        }

      if (i % 50 == 0)
        assert_mirrors (mirror, buffer);
    }
  assert_mirrors (mirror, buffer);

  /* Replacing everything, as a reload does. */
  gtk_text_buffer_set_text (buffer, "# Fresh\n\nwith ünïcode 🎉\n", -1);
  assert_mirrors (mirror, buffer);
}

static void
test_shared_snapshots (void)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr(BylineTextMirror) mirror = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) after_insert = NULL;
  g_autoptr(GBytes) after_delete = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_set_text (buffer, "One line", -1);
  mirror = byline_text_mirror_new (buffer);

  first = byline_text_mirror_dup_bytes (mirror);
  again = byline_text_mirror_dup_bytes (mirror);
  g_assert_true (first == again);

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, " more", -1);
  after_insert = byline_text_mirror_dup_bytes (mirror);
  g_assert_true (after_insert != first);
  g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first), "One line", 8);
  g_assert_cmpmem (g_bytes_get_data (after_insert, NULL), g_bytes_get_size (after_insert),
                   "One line more", 13);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 4);
  gtk_text_buffer_delete (buffer, &start, &end);
  after_delete = byline_text_mirror_dup_bytes (mirror);
  g_assert_true (after_delete != after_insert);
  g_assert_cmpmem (g_bytes_get_data (after_insert, NULL), g_bytes_get_size (after_insert),
                   "One line more", 13);
  g_assert_cmpmem (g_bytes_get_data (after_delete, NULL), g_bytes_get_size (after_delete),
                   "line more", 9);
}

typedef struct
{
  GtkTextBuffer     *buffer;
  BylineWordCounter *counter;
  guint              n_counted;
  guint              n_typed;
  guint              counted_while_typing;
} Burst;

static void
counted_cb (BylineWordCounter *counter,
            Burst             *burst)
{
  burst->n_counted++;
}

static gboolean
type_word_cb (gpointer data)
{
  Burst *burst = data;
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (burst->buffer, &end);
  gtk_text_buffer_insert (burst->buffer, &end, " word", -1);
  byline_word_counter_queue (burst->counter);

  return ++burst->n_typed < 20 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
typed_and_counted (gpointer data)
{
  Burst *burst = data;
  BylineTextStats stats;

  if (burst->n_typed < 20)
    return FALSE;
  if (burst->counted_while_typing == G_MAXUINT)
    burst->counted_while_typing = burst->n_counted;

  return byline_word_counter_get_stats (burst->counter, &stats) && stats.words == 23;
}

static void
test_counter_waits_for_pause (void)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr(BylineTextMirror) mirror = NULL;
  g_autoptr(BylineWordCounter) counter = NULL;
  Burst burst = { 0 };
  BylineTextStats stats;
  gint64 deadline;

  gtk_text_buffer_set_text (buffer, "Three words here", -1);
  mirror = byline_text_mirror_new (buffer);
  counter = byline_word_counter_new (mirror);
  burst.buffer = buffer;
  burst.counter = counter;
  burst.counted_while_typing = G_MAXUINT;
  g_signal_connect (counter, "counted", G_CALLBACK (counted_cb), &burst);

  /* The article's first count comes at once. */
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (burst.n_counted == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (burst.n_counted, ==, 1);
  g_assert_true (byline_word_counter_get_stats (counter, &stats));
  g_assert_cmpuint (stats.words, ==, 3);

  /* Twenty words, 30 ms apart: nothing is counted while the writer types (one count may slip
   * in on a machine that stalls a quarter of a second), then the text as it ended. */
  burst.n_counted = 0;
  g_timeout_add (30, type_word_cb, &burst);
  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (!typed_and_counted (&burst) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (burst.n_typed, ==, 20);
  g_assert_cmpuint (burst.counted_while_typing, <=, 1);
  g_assert_true (byline_word_counter_get_stats (counter, &stats));
  g_assert_cmpuint (stats.words, ==, 23);
  g_assert_cmpuint (burst.n_counted, <=, 2);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Byline/TextMirror/random-edits", test_random_edits);
  g_test_add_func ("/Byline/TextMirror/shared-snapshots", test_shared_snapshots);
  g_test_add_func ("/Byline/TextMirror/counter-waits-for-pause", test_counter_waits_for_pause);

  return g_test_run ();
}
