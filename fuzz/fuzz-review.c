/* fuzz-review.c
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
 * libFuzzer harness for the CriticMarkup parser. What it guarantees for any bytes:
 *
 *  - the marks come in order, do not overlap and lie within the text, with their parts in
 *    order inside them, each opening with "{" and closing with "}" on the line counted,
 *  - accepting or rejecting them all never makes the text longer, and accepting each mark's
 *    resolution in turn gives the same text as resolving them all at once,
 *  - text without "{" has no marks.
 */

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "byline-review.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT. */
#define fail(...) G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

static void
check_marks (const char *text,
             gsize       size,
             GArray     *marks)
{
  gsize previous_end = 0;

  for (guint i = 0; i < marks->len; i++)
    {
      const BylineReviewMark *m = &g_array_index (marks, BylineReviewMark, i);
      guint line = 1;

      if (m->start < previous_end || m->end > size || m->start + 6 > m->end)
        fail ("mark %u at [%zu, %zu) out of place", i, m->start, m->end);
      if (!(m->start + 3 == m->content_start && m->content_start <= m->content_end &&
            m->content_end <= m->new_start && m->new_start <= m->new_end &&
            m->new_end < m->end && m->author_start <= m->author_end &&
            m->author_end <= m->comment_start && m->comment_start <= m->comment_end &&
            m->comment_end <= m->end))
        fail ("mark %u: parts out of order", i);
      if (text[m->start] != '{' || text[m->end - 1] != '}')
        fail ("mark %u does not open with { and close with }", i);
      for (gsize j = 0; j < m->start; j++)
        line += text[j] == '\n';
      if (line != m->line)
        fail ("mark %u on line %u, said %u", i, line, m->line);
      previous_end = m->end;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *)data;
  g_autoptr(GArray) marks = byline_review_parse (text, size);
  g_autoptr(GArray) body_marks = byline_review_parse_body (text, size);
  g_autofree char *accepted = byline_review_resolve_all (text, size, TRUE);
  g_autofree char *rejected = byline_review_resolve_all (text, size, FALSE);
  g_autoptr(GString) one_by_one = g_string_new (NULL);
  gsize pos = 0;

  check_marks (text, size, marks);
  check_marks (text, size, body_marks);

  if (strlen (accepted) > size || strlen (rejected) > size)
    fail ("resolving made the text longer");

  for (guint i = 0; i < marks->len; i++)
    {
      const BylineReviewMark *m = &g_array_index (marks, BylineReviewMark, i);
      g_autofree char *replacement = byline_review_resolution (text, m, TRUE);

      g_string_append_len (one_by_one, text + pos, m->start - pos);
      g_string_append (one_by_one, replacement);
      pos = m->end;
    }
  g_string_append_len (one_by_one, text + pos, size - pos);
  if (memchr (text, '\0', size) == NULL && strcmp (one_by_one->str, accepted) != 0)
    fail ("accepting one by one differs from accepting all");

  if (memchr (text, '{', size) == NULL && (marks->len > 0 || body_marks->len > 0))
    fail ("marks without {");

  return 0;
}
