/* byline-source-view-review.c
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

#define G_LOG_DOMAIN "byline-source-view"

#include "config.h"

#include <string.h>

#include "byline-review.h"
#include "byline-source-view-private.h"

/*
 * Review in the editor: go to the next or previous suggestion or comment, accept or reject one
 * (by where it starts, in bytes) or all of them. Each accept or reject is one user action, so
 * one undo brings the marks back. The marks are read from the text at the moment of the action:
 * a list that names a mark by its start finds it only if the text has not moved it since.
 */

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
iter_at_byte (GtkTextBuffer *buffer,
              const char    *text,
              gsize          offset,
              GtkTextIter   *iter)
{
  gsize line_start = 0;
  int line = 0;

  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      {
        line++;
        line_start = i + 1;
      }

  gtk_text_buffer_get_iter_at_line_index (buffer, iter, line, (int)(offset - line_start));
}

static gsize
byte_at_iter (const char        *text,
              const GtkTextIter *iter)
{
  int line = gtk_text_iter_get_line (iter);
  gsize offset = 0;

  for (int i = 0; i < line; i++)
    {
      const char *nl = strchr (text + offset, '\n');

      if (nl == NULL)
        break;
      offset = nl - text + 1;
    }

  return offset + gtk_text_iter_get_line_index (iter);
}

static GtkTextBuffer *
view_buffer (GtkWidget *widget)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
}

static void
select_mark (GtkWidget              *widget,
             const char             *text,
             const BylineReviewMark *mark)
{
  GtkTextBuffer *buffer = view_buffer (widget);
  GtkTextIter start, end;

  iter_at_byte (buffer, text, mark->start, &start);
  iter_at_byte (buffer, text, mark->end, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (widget), gtk_text_buffer_get_insert (buffer),
                                0.1, FALSE, 0.0, 0.0);
}

/**
 * _byline_source_view_review_go:
 * @widget: the source view
 * @forward: to the next mark, or to the previous one
 *
 * Selects the next (or previous) mark after (or before) the cursor, and wraps around.
 *
 * Returns: whether there was a mark to go to
 */
gboolean
_byline_source_view_review_go (GtkWidget *widget,
                               gboolean   forward)
{
  GtkTextBuffer *buffer = view_buffer (widget);
  g_autofree char *text = buffer_text (buffer);
  g_autoptr(GArray) marks = byline_review_parse (text, strlen (text));
  const BylineReviewMark *target = NULL;
  GtkTextIter cursor;
  gsize at;

  if (marks->len == 0)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  at = byte_at_iter (text, &cursor);

  for (guint i = 0; i < marks->len; i++)
    {
      const BylineReviewMark *mark = &g_array_index (marks, BylineReviewMark, forward ? i : marks->len - 1 - i);

      if (forward ? mark->start > at : mark->start < at)
        {
          target = mark;
          break;
        }
    }
  if (target == NULL)
    target = &g_array_index (marks, BylineReviewMark, forward ? 0 : marks->len - 1);

  /* The cursor at the mark's start, the selection over it. */
  select_mark (widget, text, target);

  return TRUE;
}

/* Replaces the mark; @start is left after the text that replaced it. */
static void
replace (GtkTextBuffer          *buffer,
         const char             *text,
         const BylineReviewMark *mark,
         gboolean                accept,
         GtkTextIter            *start)
{
  g_autofree char *replacement = byline_review_resolution (text, mark, accept);
  GtkTextIter end;

  iter_at_byte (buffer, text, mark->start, start);
  iter_at_byte (buffer, text, mark->end, &end);
  gtk_text_buffer_delete (buffer, start, &end);
  gtk_text_buffer_insert (buffer, start, replacement, -1);
}

/**
 * _byline_source_view_review_resolve:
 * @widget: the source view
 * @start: where the mark starts, in bytes
 * @accept: whether to accept the suggestion or reject it
 *
 * Returns: whether a mark starts at @start
 */
gboolean
_byline_source_view_review_resolve (GtkWidget *widget,
                                    gsize      start,
                                    gboolean   accept)
{
  GtkTextBuffer *buffer = view_buffer (widget);
  g_autofree char *text = buffer_text (buffer);
  g_autoptr(GArray) marks = byline_review_parse (text, strlen (text));

  for (guint i = 0; i < marks->len; i++)
    {
      const BylineReviewMark *mark = &g_array_index (marks, BylineReviewMark, i);

      GtkTextIter after;

      if (mark->start != start)
        continue;

      gtk_text_buffer_begin_user_action (buffer);
      replace (buffer, text, mark, accept, &after);
      gtk_text_buffer_place_cursor (buffer, &after);
      gtk_text_buffer_end_user_action (buffer);
      return TRUE;
    }

  return FALSE;
}

/**
 * _byline_source_view_review_resolve_all:
 * @widget: the source view
 * @accept: whether to accept every suggestion or reject them
 *
 * Returns: how many marks were resolved, in one user action
 */
guint
_byline_source_view_review_resolve_all (GtkWidget *widget,
                                        gboolean   accept)
{
  GtkTextBuffer *buffer = view_buffer (widget);
  g_autofree char *text = buffer_text (buffer);
  g_autoptr(GArray) marks = byline_review_parse (text, strlen (text));
  GtkTextIter after;

  if (marks->len == 0)
    return 0;

  /* From the last: the earlier marks' offsets stay true. */
  gtk_text_buffer_begin_user_action (buffer);
  for (guint i = marks->len; i > 0; i--)
    replace (buffer, text, &g_array_index (marks, BylineReviewMark, i - 1), accept, &after);
  gtk_text_buffer_place_cursor (buffer, &after);
  gtk_text_buffer_end_user_action (buffer);

  return marks->len;
}

static void
review_next_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _byline_source_view_review_go (widget, g_str_equal (action_name, "editor.review-next"));
}

static void
review_resolve_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  _byline_source_view_review_resolve (widget, g_variant_get_uint64 (param),
                                      g_str_equal (action_name, "editor.review-accept"));
}

static void
review_select_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GtkTextBuffer *buffer = view_buffer (widget);
  g_autofree char *text = buffer_text (buffer);
  g_autoptr(GArray) marks = byline_review_parse (text, strlen (text));
  guint64 start = g_variant_get_uint64 (param);

  for (guint i = 0; i < marks->len; i++)
    if (g_array_index (marks, BylineReviewMark, i).start == start)
      {
        select_mark (widget, text, &g_array_index (marks, BylineReviewMark, i));
        gtk_widget_grab_focus (widget);
        return;
      }
}

static void
review_resolve_all_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  _byline_source_view_review_resolve_all (widget, g_str_equal (action_name, "editor.review-accept-all"));
}

void
_byline_source_view_review_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.review-next", NULL, review_next_cb);
  gtk_widget_class_install_action (widget_class, "editor.review-previous", NULL, review_next_cb);
  gtk_widget_class_install_action (widget_class, "editor.review-select", "t", review_select_cb);
  gtk_widget_class_install_action (widget_class, "editor.review-accept", "t", review_resolve_cb);
  gtk_widget_class_install_action (widget_class, "editor.review-reject", "t", review_resolve_cb);
  gtk_widget_class_install_action (widget_class, "editor.review-accept-all", NULL, review_resolve_all_cb);
  gtk_widget_class_install_action (widget_class, "editor.review-reject-all", NULL, review_resolve_all_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "editor.review-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, GDK_SHIFT_MASK,
                                       "editor.review-previous", NULL);
}
