/* test-text-stats.c
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

#include <string.h>

#include "byline-text-stats.h"

static void
assert_counts (const char *text,
               gssize      length,
               guint64     words,
               guint64     characters)
{
  BylineTextStats stats;

  byline_text_stats_count (text, length, &stats);
  g_assert_cmpuint (stats.words, ==, words);
  g_assert_cmpuint (stats.characters, ==, characters);
}

static void
test_counts (void)
{
  assert_counts ("", -1, 0, 0);
  assert_counts ("   \n\t ", -1, 0, 5);
  assert_counts ("one", -1, 1, 3);
  assert_counts ("  two words  ", -1, 2, 13);
  assert_counts ("# Heading\n\nA *line*.\r\n", -1, 4, 18);
  /* Non-ASCII letters are one character each; a no-break space still separates words. */
  assert_counts ("café naïve", -1, 2, 10);
  assert_counts ("a\u00a0b\u3000c", -1, 3, 5);
  /* Only @length bytes count. */
  assert_counts ("one two three", 7, 2, 7);
}

static void
test_invalid_utf8 (void)
{
  /* Stray bytes count as characters of a word rather than stopping the count. */
  assert_counts ("ab\xff\xfe cd", -1, 2, 7);
}

static void
test_reading_time (void)
{
  g_assert_cmpuint (byline_text_stats_reading_time (0), ==, 0);
  g_assert_cmpuint (byline_text_stats_reading_time (1), ==, 1);
  g_assert_cmpuint (byline_text_stats_reading_time (200), ==, 1);
  g_assert_cmpuint (byline_text_stats_reading_time (201), ==, 2);
  g_assert_cmpuint (byline_text_stats_reading_time (1000), ==, 5);
}

static void
test_body_only (void)
{
  const char *article = "---\ntitle: A long title of many words\ntags: [one, two]\n---\nTwo words\n";
  const char *unclosed = "---\ntitle: Still typing\n";
  BylineTextStats stats;

  /* The front matter is the record's fields, not reading. */
  byline_text_stats_count_body (article, strlen (article), &stats);
  g_assert_cmpuint (stats.words, ==, 2);
  g_assert_cmpuint (stats.characters, ==, 9);

  /* No front matter: everything counts. */
  byline_text_stats_count_body ("One two three", 13, &stats);
  g_assert_cmpuint (stats.words, ==, 3);

  /* A block not closed yet is not front matter. */
  byline_text_stats_count_body (unclosed, strlen (unclosed), &stats);
  g_assert_cmpuint (stats.words, ==, 4);

  byline_text_stats_count_body (NULL, 0, &stats);
  g_assert_cmpuint (stats.words, ==, 0);
}

static void
test_large_text (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  BylineTextStats stats;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "Lorem ipsum dolor sit amet, élan.\n");

  byline_text_stats_count (text->str, text->len, &stats);
  g_assert_cmpuint (stats.words, ==, 600000);
  g_assert_cmpuint (stats.characters, ==, 3300000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-stats/counts", test_counts);
  g_test_add_func ("/text-stats/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/text-stats/reading-time", test_reading_time);
  g_test_add_func ("/text-stats/body-only", test_body_only);
  g_test_add_func ("/text-stats/large-text", test_large_text);

  return g_test_run ();
}
