/* byline-text-stats.c
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
 * Words, characters and reading time of a text, for the status line. A word is a run of
 * characters other than white space; characters are Unicode characters, line breaks left out.
 * One pass with an ASCII fast path, so a 5 MB article counts in a few milliseconds.
 */

#include "config.h"

#include <string.h>

#include "byline-front-matter.h"
#include "byline-text-stats.h"

/**
 * byline_text_stats_count:
 * @text: UTF-8 text
 * @length: length of @text in bytes, or -1 if nul-terminated
 * @stats: (out): the counts
 *
 * Counts the words and characters of @text. Invalid UTF-8 counts byte by byte.
 */
void
byline_text_stats_count (const char      *text,
                         gssize           length,
                         BylineTextStats *stats)
{
  const char *p = text;
  const char *end;
  gboolean in_word = FALSE;

  g_return_if_fail (text != NULL || length == 0);
  g_return_if_fail (stats != NULL);

  stats->words = 0;
  stats->characters = 0;
  if (text == NULL)
    return;

  end = text + (length < 0 ? strlen (text) : (gsize) length);
  while (p < end)
    {
      guchar c = (guchar) *p;
      gboolean space;

      if (c < 0x80)
        {
          space = g_ascii_isspace (c);
          if (c != '\n' && c != '\r')
            stats->characters++;
          p++;
        }
      else
        {
          gunichar ch = g_utf8_get_char_validated (p, end - p);

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            {
              space = FALSE;
              p++;
            }
          else
            {
              space = g_unichar_isspace (ch);
              p = g_utf8_next_char (p);
            }
          stats->characters++;
        }

      if (!space && !in_word)
        stats->words++;
      in_word = !space;
    }
}

/**
 * byline_text_stats_count_body:
 * @text: an article: front matter, then the body
 * @length: length of @text in bytes
 * @stats: (out): the counts
 *
 * Counts the words and characters of the article's body: the front matter holds the
 * record's fields, not words a reader reads.
 */
void
byline_text_stats_count_body (const char      *text,
                              gsize            length,
                              BylineTextStats *stats)
{
  gsize body = 0;

  g_return_if_fail (text != NULL || length == 0);
  g_return_if_fail (stats != NULL);

  if (text != NULL && !byline_front_matter_find (text, length, &body))
    body = 0;

  byline_text_stats_count (text != NULL ? text + body : NULL, length - body, stats);
}

/**
 * byline_text_stats_reading_time:
 * @words: a word count
 *
 * Returns: the reading time in whole minutes, rounded up: 0 for no words, at least 1 otherwise
 */
guint64
byline_text_stats_reading_time (guint64 words)
{
  return (words + BYLINE_WORDS_PER_MINUTE - 1) / BYLINE_WORDS_PER_MINUTE;
}
