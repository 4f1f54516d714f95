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
 *
 * Suggest mode: while it is on, what the writer types in the body becomes an addition and what
 * they delete a deletion, each signed with their name ({++new++}{>>Name:<<}). Typing inside
 * an addition, or in a comment, edits it as text; deleting next to a deletion adds to it.
 * Only the writer's own edits (inside a user action) become suggestions, not the front
 * matter's, and not the edits this file makes when a mark is accepted or rejected.
 */

typedef struct
{
  GtkTextBuffer *buffer;
  GSettings     *settings;
  gulong         handlers[4];
  guint          user_actions;
  gboolean       suggesting;
  gboolean       busy;
} Review;

static void review_disconnect (Review *review);

static void
review_free (gpointer data)
{
  Review *review = data;

  review_disconnect (review);
  g_clear_object (&review->settings);
  g_free (review);
}

static Review *
review_of (GtkWidget *widget)
{
  Review *review = g_object_get_data (G_OBJECT (widget), "byline-review");

  if (review == NULL)
    {
      review = g_new0 (Review, 1);
      g_object_set_data_full (G_OBJECT (widget), "byline-review", review, review_free);
    }

  return review;
}

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
      Review *review = review_of (widget);
      GtkTextIter after;

      if (mark->start != start)
        continue;

      review->busy = TRUE;
      gtk_text_buffer_begin_user_action (buffer);
      replace (buffer, text, mark, accept, &after);
      gtk_text_buffer_place_cursor (buffer, &after);
      gtk_text_buffer_end_user_action (buffer);
      review->busy = FALSE;
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
  review_of (widget)->busy = TRUE;
  gtk_text_buffer_begin_user_action (buffer);
  for (guint i = marks->len; i > 0; i--)
    replace (buffer, text, &g_array_index (marks, BylineReviewMark, i - 1), accept, &after);
  gtk_text_buffer_place_cursor (buffer, &after);
  gtk_text_buffer_end_user_action (buffer);
  review_of (widget)->busy = FALSE;

  return marks->len;
}

/* Suggest mode */

static gboolean
line_is_fence (const GtkTextIter *line_start,
               const char        *fence)
{
  GtkTextIter end = *line_start;
  g_autofree char *text = NULL;

  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  text = gtk_text_iter_get_slice (line_start, &end);
  g_strchomp (text);

  return g_strcmp0 (text, fence) == 0 || (fence[0] == '-' && g_strcmp0 (text, "...") == 0);
}

/* Whether @iter is in the front matter (which the metadata panel edits, never suggests). */
static gboolean
in_front_matter (GtkTextBuffer     *buffer,
                 const GtkTextIter *iter)
{
  int line = gtk_text_iter_get_line (iter);
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!line_is_fence (&start, "---"))
    return FALSE;

  for (int i = 1; i <= line; i++)
    {
      GtkTextIter at;

      gtk_text_buffer_get_iter_at_line (buffer, &at, i);
      if (line_is_fence (&at, "---"))
        return line <= i;
    }

  return TRUE;
}

/* The marks on @iter's line, and @iter's and @other's byte indexes in it. */
static GArray *
line_marks (const GtkTextIter  *iter,
            char              **line_text)
{
  GtkTextIter start = *iter, end = *iter;

  gtk_text_iter_set_line_offset (&start, 0);
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  *line_text = gtk_text_iter_get_slice (&start, &end);

  return byline_review_parse_body (*line_text, strlen (*line_text));
}

/* Where the mark's own closing ends: the comment attached to it comes after. */
static gsize
main_end (const BylineReviewMark *mark)
{
  if (mark->kind == BYLINE_REVIEW_COMMENT)
    return mark->end;

  return (mark->kind == BYLINE_REVIEW_SUBSTITUTION ? mark->new_end : mark->content_end) + 3;
}

/* Whether [from, to] (bytes in the line) lies in text a writer edits as text in suggest mode:
 * an addition, a substitution's new text, or a comment. */
static gboolean
is_editable_text (const BylineReviewMark *mark,
                  gsize                   from,
                  gsize                   to)
{
  gsize comment_from = mark->kind == BYLINE_REVIEW_COMMENT ? mark->start + 3 : main_end (mark) + 3;

  if (mark->kind == BYLINE_REVIEW_ADDITION &&
      from >= mark->content_start && to <= mark->content_end)
    return TRUE;
  if (mark->kind == BYLINE_REVIEW_SUBSTITUTION &&
      from >= mark->new_start && to <= mark->new_end)
    return TRUE;
  if (mark->end > main_end (mark) || mark->kind == BYLINE_REVIEW_COMMENT)
    return from >= comment_from && to <= mark->end - 3;

  return FALSE;
}

static char *
author_name (Review *review)
{
  g_autofree char *name = g_settings_get_string (review->settings, "author-name");
  const char *real = g_get_real_name ();

  g_strstrip (name);
  if (name[0] != '\0')
    return g_steal_pointer (&name);
  if (real != NULL && g_strcmp0 (real, "Unknown") != 0)
    return g_strdup (real);

  return NULL;
}

static gboolean
suggesting_here (Review            *review,
                 const GtkTextIter *iter)
{
  return review->suggesting && !review->busy && review->user_actions > 0 &&
         !in_front_matter (review->buffer, iter);
}

static void
insert_text_cb (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                const char    *text,
                int            length,
                Review        *review)
{
  g_autofree char *line = NULL;
  g_autofree char *added = NULL;
  g_autofree char *author = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(GArray) marks = NULL;
  GtkTextIter cursor;
  gsize at;
  int offset;

  if (!suggesting_here (review, location))
    return;

  marks = line_marks (location, &line);
  at = gtk_text_iter_get_line_index (location);
  for (guint i = 0; i < marks->len; i++)
    if (is_editable_text (&g_array_index (marks, BylineReviewMark, i), at, at))
      return;

  /* Typed into the body: an addition, with the cursor inside it so the next letters join it. */
  g_signal_stop_emission_by_name (buffer, "insert-text");
  added = g_strndup (text, length);
  author = author_name (review);
  markup = byline_review_suggestion (BYLINE_REVIEW_ADDITION, NULL, added, author);
  offset = gtk_text_iter_get_offset (location);

  review->busy = TRUE;
  gtk_text_buffer_insert (buffer, location, markup, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &cursor, offset + 3 + (int)g_utf8_strlen (added, -1));
  gtk_text_buffer_place_cursor (buffer, &cursor);
  *location = cursor;
  review->busy = FALSE;
}

static void
delete_range_cb (GtkTextBuffer *buffer,
                 GtkTextIter   *start,
                 GtkTextIter   *end,
                 Review        *review)
{
  g_autofree char *line = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *author = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(GArray) marks = NULL;
  GtkTextIter cursor, insert;
  gboolean backspace;
  gsize from, to;
  int start_offset;

  if (!suggesting_here (review, start))
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));
  backspace = gtk_text_iter_equal (&insert, end) && !gtk_text_iter_equal (start, end);
  start_offset = gtk_text_iter_get_offset (start);

  if (gtk_text_iter_get_line (start) == gtk_text_iter_get_line (end))
    {
      marks = line_marks (start, &line);
      from = gtk_text_iter_get_line_index (start);
      to = gtk_text_iter_get_line_index (end);

      for (guint i = 0; i < marks->len; i++)
        {
          const BylineReviewMark *mark = &g_array_index (marks, BylineReviewMark, i);

          if (is_editable_text (mark, from, to))
            return;

          /* Next to a deletion, the deletion grows. */
          if (mark->kind == BYLINE_REVIEW_DELETION && (to == mark->start || from == mark->end))
            {
              gboolean before = to == mark->start;
              int mark_offset;

              g_signal_stop_emission_by_name (buffer, "delete-range");
              deleted = gtk_text_iter_get_slice (start, end);
              review->busy = TRUE;
              gtk_text_buffer_delete (buffer, start, end);
              if (before)
                mark_offset = start_offset + 3;
              else
                mark_offset = start_offset - (int)g_utf8_strlen (line + mark->content_end, mark->end - mark->content_end);
              gtk_text_buffer_get_iter_at_offset (buffer, &cursor, mark_offset);
              gtk_text_buffer_insert (buffer, &cursor, deleted, -1);
              gtk_text_buffer_get_iter_at_offset (buffer, &cursor,
                                                  before ? start_offset
                                                         : start_offset + (int)g_utf8_strlen (deleted, -1));
              gtk_text_buffer_place_cursor (buffer, &cursor);
              *start = *end = cursor;
              review->busy = FALSE;
              return;
            }

          /* Marks are accepted or rejected, not deleted. */
          if (from < mark->end && to > mark->start)
            {
              g_signal_stop_emission_by_name (buffer, "delete-range");
              return;
            }
        }
    }

  deleted = gtk_text_iter_get_slice (start, end);
  /* A deletion cannot cross a paragraph or hold a mark. */
  if (strstr (deleted, "\n\n") != NULL || strchr (deleted, '{') != NULL)
    {
      g_signal_stop_emission_by_name (buffer, "delete-range");
      return;
    }

  g_signal_stop_emission_by_name (buffer, "delete-range");
  author = author_name (review);
  markup = byline_review_suggestion (BYLINE_REVIEW_DELETION, deleted, NULL, author);
  review->busy = TRUE;
  gtk_text_buffer_delete (buffer, start, end);
  gtk_text_buffer_insert (buffer, start, markup, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &cursor,
                                      backspace ? start_offset
                                                : start_offset + (int)g_utf8_strlen (markup, -1));
  gtk_text_buffer_place_cursor (buffer, &cursor);
  *start = *end = cursor;
  review->busy = FALSE;
}

static void
begin_user_action_cb (GtkTextBuffer *buffer,
                      Review        *review)
{
  review->user_actions++;
}

static void
end_user_action_cb (GtkTextBuffer *buffer,
                    Review        *review)
{
  if (review->user_actions > 0)
    review->user_actions--;
}

static void
review_disconnect (Review *review)
{
  if (review->buffer == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (review->handlers); i++)
    g_clear_signal_handler (&review->handlers[i], review->buffer);
  g_object_remove_weak_pointer (G_OBJECT (review->buffer), (gpointer *)&review->buffer);
  review->buffer = NULL;
  review->user_actions = 0;
}

static void
review_connect (Review        *review,
                GtkTextBuffer *buffer)
{
  review_disconnect (review);
  if (buffer == NULL)
    return;

  review->buffer = buffer;
  g_object_add_weak_pointer (G_OBJECT (buffer), (gpointer *)&review->buffer);
  review->handlers[0] = g_signal_connect (buffer, "insert-text", G_CALLBACK (insert_text_cb), review);
  review->handlers[1] = g_signal_connect (buffer, "delete-range", G_CALLBACK (delete_range_cb), review);
  review->handlers[2] = g_signal_connect (buffer, "begin-user-action", G_CALLBACK (begin_user_action_cb), review);
  review->handlers[3] = g_signal_connect (buffer, "end-user-action", G_CALLBACK (end_user_action_cb), review);
}

static void
buffer_changed_cb (GtkWidget  *widget,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  review_connect (review_of (widget), view_buffer (widget));
}

/* The handlers are connected when the buffer is set, before anyone else's: a handler that
 * ran before them would see the edit that suggest mode replaces (the text mirror copies each
 * edit as it comes). */
void
_byline_source_view_review_init (GtkWidget *widget)
{
  Review *review = review_of (widget);

  review->settings = g_settings_new (BASE_ID);
  g_signal_connect (widget, "notify::buffer", G_CALLBACK (buffer_changed_cb), NULL);
}

gboolean
_byline_source_view_review_get_suggesting (GtkWidget *widget)
{
  return review_of (widget)->suggesting;
}

/* Returns whether the mode changed. */
gboolean
_byline_source_view_review_set_suggesting (GtkWidget *widget,
                                           gboolean   suggesting)
{
  Review *review = review_of (widget);

  suggesting = !!suggesting;
  if (review->suggesting == suggesting)
    return FALSE;

  review->suggesting = suggesting;

  return TRUE;
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

  gtk_widget_class_install_property_action (widget_class, "editor.suggest-mode", "suggest-mode");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.suggest-mode", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "editor.review-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, GDK_SHIFT_MASK,
                                       "editor.review-previous", NULL);
}
