/* byline-renderer-lines.c
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

#define G_LOG_DOMAIN "byline-renderer"

#include "config.h"

#include <string.h>

#include <cmark-gfm.h>

#include "byline-renderer-private.h"

/*
 * Where each top-level block lies in the text: its lines as cmark-gfm reports them, corrected
 * where cmark-gfm gives none or runs past the block, and their byte offsets.
 */

void
_byline_line_cursor_init (LineCursor *cursor,
                          const char *text,
                          gsize       length)
{
  cursor->text = text;
  cursor->length = length;
  cursor->offset = 0;
  cursor->line = 1;
}

gsize
_byline_line_cursor_seek (LineCursor *cursor,
                          guint       line)
{
  if (line < cursor->line)
    {
      cursor->offset = 0;
      cursor->line = 1;
    }

  while (cursor->line < line && cursor->offset < cursor->length)
    {
      const char *nl = memchr (cursor->text + cursor->offset, '\n',
                               cursor->length - cursor->offset);

      cursor->offset = nl ? (gsize)(nl - cursor->text) + 1 : cursor->length;
      cursor->line++;
    }

  return cursor->offset;
}

/* cmark-gfm gives no source position (line 0) to the paragraph its table extension splits off
 * the lines before a table's header row, and the table keeps the position of the paragraph it
 * grew from. So the paragraph starts where the table says it does and holds as many lines as
 * it has line breaks, plus one; @next_start is then where the table really starts, the line
 * after the paragraph (0 when the next node needs no correction). */
static void
guess_position (cmark_node *node,
                guint      *start,
                guint      *end,
                guint      *next_start)
{
  cmark_node *next = cmark_node_next (node);
  guint n_lines = 1;

  for (cmark_node *child = cmark_node_first_child (node);
       child != NULL;
       child = cmark_node_next (child))
    if (cmark_node_get_type (child) == CMARK_NODE_SOFTBREAK ||
        cmark_node_get_type (child) == CMARK_NODE_LINEBREAK)
      n_lines++;

  *start = next != NULL ? (guint)MAX (cmark_node_get_start_line (next), 1) : 1;
  *end = *start + n_lines - 1;
  *next_start = next != NULL && (guint)cmark_node_get_start_line (next) <= *end ? *end + 1 : 0;
}

/* The lines of the top-level @node as a block, from cmark-gfm's [@start, @end]; @corrected_start
 * carries a correction from one node to the next (see guess_position()). */
void
_byline_renderer_place_block (cmark_node *node,
                              guint      *corrected_start,
                              guint      *start,
                              guint      *end)
{
  cmark_node *next = cmark_node_next (node);

  if (*corrected_start != 0)
    {
      *start = *corrected_start;
      *end = MAX (*end, *start);
      *corrected_start = 0;
    }
  else if (*start == 0)
    {
      guess_position (node, start, end, corrected_start);
    }

  /* cmark-gfm ends a setext heading on the line after its underline, even when that line
   * starts the next block: a block ends before the next one starts. */
  if (next != NULL)
    {
      guint next_line = *corrected_start;

      /* A paragraph split off a table starts where the table says it does. */
      if (next_line == 0)
        next_line = cmark_node_get_start_line (next) == 0 && cmark_node_next (next) != NULL
                  ? (guint)cmark_node_get_start_line (cmark_node_next (next))
                  : (guint)cmark_node_get_start_line (next);
      if (next_line > *start && *end >= next_line)
        *end = next_line - 1;
    }
}

/* cmark-gfm ends some blocks (a thematic break, a setext heading) on the line that closed them,
 * blank lines before it included: a block ends on its last line that is not blank, whatever
 * follows, so a render of a slice of the text places it as a whole one does. Returns where the
 * block's text ends, and moves @end (its last line) up with it. */
gsize
_byline_renderer_end_before_blank_lines (const char *text,
                                         gsize       start_offset,
                                         gsize       end_offset,
                                         guint       start,
                                         guint      *end)
{
  while (*end > start && end_offset > start_offset)
    {
      gsize line_start = end_offset - 1;
      gboolean blank = TRUE;

      while (line_start > start_offset && text[line_start - 1] != '\n')
        line_start--;
      for (gsize i = line_start; i < end_offset && blank; i++)
        blank = text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n';
      if (!blank)
        break;
      end_offset = line_start;
      (*end)--;
    }

  return end_offset;
}
