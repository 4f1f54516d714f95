/* byline-renderer-definitions.c
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
 * Link reference definitions leave no node in cmark-gfm's tree and cmark-gfm does not tell
 * which it found: the renderer finds them in the text, to parse them again in front of a slice
 * that an incremental render parses alone.
 */

static gboolean
has_graph (const char *text,
           gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (g_ascii_isgraph (text[i]))
      return TRUE;

  return FALSE;
}

/* Appends the link reference definitions among the lines of @text, which lie between
 * top-level nodes. Node ends are not always reported on their last line (an HTML comment's
 * closing line, a list's last lines), so only lines that look like a definition are taken:
 * "[label]: destination" within three spaces of the margin, and the lines after one up to a
 * blank line (a destination or title of its own). */
void
_byline_renderer_collect_definitions (GString    *definitions,
                                      const char *text,
                                      gsize       length)
{
  const char *end = text + length;
  const char *line = text;
  gboolean continues = FALSE;

  while (line < end)
    {
      const char *line_end = memchr (line, '\n', end - line);
      const char *p = line;
      const char *colon;

      line_end = line_end ? line_end + 1 : end;
      while (p < line_end && *p == ' ' && p - line < 3)
        p++;

      /* Footnote definitions are containers that would take in what follows; an unused one
       * leaves no node, so it can be found here too. */
      if (p + 1 < line_end && p[0] == '[' && p[1] != '^' &&
          (colon = _byline_renderer_find (p, line_end - p, "]:")))
        {
          g_string_append_len (definitions, line, line_end - line);
          if (line_end == end || line_end[-1] != '\n')
            g_string_append_c (definitions, '\n');
          continues = TRUE;
        }
      else if (continues && has_graph (line, line_end - line))
        {
          /* A destination or title on the lines that follow, up to a blank line. */
          g_string_append_len (definitions, line, line_end - line);
          if (line_end[-1] != '\n')
            g_string_append_c (definitions, '\n');
        }
      else
        {
          continues = FALSE;
        }

      line = line_end;
    }
}

/* Whether a line of @text may hold a link reference definition: one that, past the markers of
 * quotes and list items, starts with "[label]:". */
static gboolean
may_define (const char *text,
            gsize       length)
{
  const char *end = text + length;
  const char *line = text;

  while (line < end)
    {
      const char *line_end = memchr (line, '\n', end - line);
      const char *p = line;

      if (line_end == NULL)
        line_end = end;

      while (p < line_end && (*p == ' ' || *p == '\t' || *p == '>' || *p == '-' || *p == '*' ||
                              *p == '+' || *p == '.' || *p == ')' || g_ascii_isdigit (*p)))
        p++;
      /* Footnotes ("[^label]:") are left to full renders anyway. */
      if (p + 1 < line_end && p[0] == '[' && p[1] != '^')
        {
          const char *q = p + 1;

          /* A label holds no unescaped bracket, and a colon follows it at once. */
          while (q < line_end && *q != ']' && *q != '[')
            q += *q == '\\' ? 2 : 1;
          if (q + 1 < line_end && q[0] == ']' && q[1] == ':')
            return TRUE;
        }

      line = line_end + 1;
    }

  return FALSE;
}

static gboolean
is_leaf_block (cmark_node *node)
{
  switch ((int)cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
      return TRUE;

    default:
      return g_strcmp0 (cmark_node_get_type_string (node), "table") == 0;
    }
}

/* Whether the top-level @node, whose lines are @text and whose HTML is @html, may hold a link
 * reference definition. Definitions leave no node: they are on lines no leaf block covers, or
 * at the start of a paragraph or of a setext heading (which keep their lines in their range).
 * One that shows its first line's "[label]:" as text does not start with one. */
gboolean
_byline_renderer_node_may_define (cmark_node *node,
                                  const char *text,
                                  gsize       length,
                                  const char *html)
{
  int first = cmark_node_get_start_line (node);
  int n_lines = MAX (cmark_node_get_end_line (node), first) - first + 1;
  g_autofree gboolean *covered = g_new0 (gboolean, n_lines);
  g_autofree const char **lines = g_new0 (const char *, n_lines + 1);
  cmark_iter *iter = cmark_iter_new (node);
  cmark_event_type event;
  gboolean found = FALSE;
  const char *p = text;

  for (int i = 0; i < n_lines; i++)
    {
      const char *nl = memchr (p, '\n', text + length - p);

      lines[i] = p;
      p = nl ? nl + 1 : text + length;
    }
  lines[n_lines] = text + length;

  while (!found && (event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *child = cmark_iter_get_node (iter);
      int start, end;

      if (event != CMARK_EVENT_ENTER || !is_leaf_block (child))
        continue;

      start = cmark_node_get_start_line (child) - first;
      end = MAX (cmark_node_get_end_line (child) - first, start);
      for (int i = MAX (start, 0); i <= end && i < n_lines; i++)
        covered[i] = TRUE;

      /* A setext heading is a paragraph underlined: it may start with definitions too. */
      if ((cmark_node_get_type (child) == CMARK_NODE_PARAGRAPH ||
           cmark_node_get_type (child) == CMARK_NODE_HEADING) && start >= 0 && start < n_lines)
        {
          const char *at = lines[start] + MAX (cmark_node_get_start_column (child) - 1, 0);
          const char *label_end;

          found = at < lines[start + 1] && may_define (at, lines[start + 1] - at);

          if (found && (label_end = _byline_renderer_find (at, lines[start + 1] - at, "]:")) != NULL)
            {
              /* (From malloc: the tree's own allocator is an arena.) */
              char *own = child == node ? (char *)html
                                        : cmark_render_html_with_mem (child, 0, NULL,
                                                                      cmark_get_default_mem_allocator ());
              const char *p_html = own;

              /* Nested paragraphs may sit in a tight list, without <p>. */
              if (g_str_has_prefix (p_html, "<p>"))
                p_html += 3;
              else if (p_html[0] == '<' && p_html[1] == 'h' && g_ascii_isdigit (p_html[2]) &&
                       p_html[3] == '>')
                p_html += 4;
              if (strncmp (p_html, at, label_end + 2 - at) == 0)
                found = FALSE;

              /* Or as a link to an earlier definition: "<a href=…>label</a>:". */
              if (found && g_str_has_prefix (p_html, "<a href=\"") && (p_html = strchr (p_html, '>')) &&
                  strncmp (p_html + 1, at + 1, label_end - at - 1) == 0 &&
                  g_str_has_prefix (p_html + 1 + (label_end - at - 1), "</a>:"))
                found = FALSE;
              if (own != html)
                free (own);
            }
        }
    }
  cmark_iter_free (iter);

  /* A footnote's own label. */
  if (cmark_node_get_type (node) == CMARK_NODE_FOOTNOTE_DEFINITION)
    covered[0] = TRUE;

  for (int i = 0; !found && i < n_lines; i++)
    found = !covered[i] && may_define (lines[i], lines[i + 1] - lines[i]);

  return found;
}
