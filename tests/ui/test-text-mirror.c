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
 */

#include "config.h"

#include <gtk/gtk.h>

#include "byline-text-mirror.h"

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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Byline/TextMirror/random-edits", test_random_edits);

  return g_test_run ();
}
