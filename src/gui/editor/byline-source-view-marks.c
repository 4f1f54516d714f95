/* byline-source-view-marks.c
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
 * Suggestions and comments that span lines. The language definition colours a mark that
 * stands on one line; one that goes on over several lines of its paragraph it leaves plain,
 * since its patterns cannot know where an unclosed mark would end. Here the review parser,
 * which reads marks as the renderer does (within a paragraph, not in code, a mark without its
 * closing being text), finds them once the writer pauses, and text tags colour them whole, in
 * the style scheme's colours for the same kinds.
 *
 * A mark never leaves its paragraph, so only the paragraphs the writer changed are read again
 * (from the blank line before the first to the blank line after the last, and from the start
 * of a code fence they are in): a pause in a long article costs what its paragraph costs.
 */

#define PAUSE_MS 150

typedef enum
{
  TAG_ADDITION,
  TAG_DELETION,
  TAG_HIGHLIGHT,
  TAG_COMMENT,
  N_TAGS
} TagKind;

static const struct
{
  const char *name;
  const char *styles[3];  /* the style scheme's ids, the first one it has is taken */
  const char *fallback;   /* a background when the scheme has none of them */
} tag_info[N_TAGS] = {
  { "byline-critic-addition", { "byline-markdown:critic-addition", "diff:added-line", NULL }, "rgba(38,162,105,0.18)" },
  { "byline-critic-deletion", { "byline-markdown:critic-deletion", "diff:removed-line", NULL }, "rgba(192,28,40,0.18)" },
  { "byline-critic-highlight", { "byline-markdown:critic-highlight", "def:note", NULL }, "rgba(245,194,17,0.3)" },
  { "byline-critic-comment", { "byline-markdown:critic-comment", "def:comment", NULL }, "rgba(97,53,131,0.15)" },
};

typedef struct
{
  GtkTextBuffer *buffer;
  GtkTextTag    *tags[N_TAGS];
  GtkTextMark   *dirty_start;   /* what changed since the last reading, or NULL */
  GtkTextMark   *dirty_end;
  gulong         handlers[4];
  guint          source;
} Marks;

static void marks_disconnect (Marks *marks);

static void
marks_free (gpointer data)
{
  Marks *marks = data;

  marks_disconnect (marks);
  g_free (marks);
}

static void
marks_disconnect (Marks *marks)
{
  g_clear_handle_id (&marks->source, g_source_remove);
  if (marks->buffer == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (marks->handlers); i++)
    g_clear_signal_handler (&marks->handlers[i], marks->buffer);
  if (marks->dirty_start != NULL)
    {
      gtk_text_buffer_delete_mark (marks->buffer, marks->dirty_start);
      gtk_text_buffer_delete_mark (marks->buffer, marks->dirty_end);
      marks->dirty_start = marks->dirty_end = NULL;
    }
  g_object_remove_weak_pointer (G_OBJECT (marks->buffer), (gpointer *)&marks->buffer);
  marks->buffer = NULL;
  memset (marks->tags, 0, sizeof marks->tags);
}

static void
style_tags (Marks *marks)
{
  GtkSourceStyleScheme *scheme = NULL;

  if (GTK_SOURCE_IS_BUFFER (marks->buffer))
    scheme = gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (marks->buffer));

  for (guint i = 0; i < N_TAGS; i++)
    {
      GtkSourceStyle *style = NULL;

      for (guint j = 0; scheme != NULL && style == NULL && tag_info[i].styles[j] != NULL; j++)
        style = gtk_source_style_scheme_get_style (scheme, tag_info[i].styles[j]);

      if (style != NULL)
        gtk_source_style_apply (style, marks->tags[i]);
      else
        g_object_set (marks->tags[i], "background", tag_info[i].fallback, NULL);
    }
}

static void
tag_bytes (Marks       *marks,
           TagKind      kind,
           int          first_line,
           const gsize *line_starts,
           guint        n_lines,
           gsize        start,
           gsize        end)
{
  GtkTextIter from, to;
  guint lo = 0, hi = n_lines;

  if (end <= start)
    return;

  /* The line of @start, by bisection over where the lines start. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (line_starts[mid] <= start)
        lo = mid;
      else
        hi = mid;
    }
  gtk_text_buffer_get_iter_at_line_index (marks->buffer, &from, first_line + lo,
                                          start - line_starts[lo]);

  lo = 0;
  hi = n_lines;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (line_starts[mid] <= end)
        lo = mid;
      else
        hi = mid;
    }
  gtk_text_buffer_get_iter_at_line_index (marks->buffer, &to, first_line + lo,
                                          end - line_starts[lo]);

  gtk_text_buffer_apply_tag (marks->buffer, marks->tags[kind], &from, &to);
}

static gboolean
line_is_blank (const GtkTextIter *line)
{
  GtkTextIter iter = *line;

  gtk_text_iter_set_line_offset (&iter, 0);
  while (!gtk_text_iter_ends_line (&iter))
    {
      gunichar c = gtk_text_iter_get_char (&iter);

      if (c != ' ' && c != '\t' && c != '\r')
        return FALSE;
      gtk_text_iter_forward_char (&iter);
    }

  return TRUE;
}

/* The paragraphs around [start, end): from the line after the blank line before @start (or
 * the top, or the start of the code fence @start is in) to the blank line after @end. */
static void
expand_to_paragraphs (Marks       *marks,
                      GtkTextIter *start,
                      GtkTextIter *end)
{
  gtk_text_iter_set_line_offset (start, 0);
  while (gtk_text_iter_get_line (start) > 0 && !line_is_blank (start))
    gtk_text_iter_backward_line (start);

  /* Inside a fence, a blank line does not end it: read from the fence. */
  if (GTK_SOURCE_IS_BUFFER (marks->buffer))
    {
      GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (marks->buffer);

      while (gtk_source_buffer_iter_has_context_class (buffer, start, "code-fence") &&
             gtk_source_buffer_iter_backward_to_context_class_toggle (buffer, start, "code-fence"))
        gtk_text_iter_set_line_offset (start, 0);
    }

  while (!gtk_text_iter_is_end (end) && !line_is_blank (end))
    if (!gtk_text_iter_forward_line (end))
      break;
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
}

static gboolean
update_cb (gpointer data)
{
  Marks *marks = data;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) line_starts = NULL;
  gsize length;
  int first_line;

  marks->source = 0;
  if (marks->buffer == NULL || marks->dirty_start == NULL)
    return G_SOURCE_REMOVE;

  gtk_text_buffer_get_iter_at_mark (marks->buffer, &start, marks->dirty_start);
  gtk_text_buffer_get_iter_at_mark (marks->buffer, &end, marks->dirty_end);
  gtk_text_buffer_delete_mark (marks->buffer, marks->dirty_start);
  gtk_text_buffer_delete_mark (marks->buffer, marks->dirty_end);
  marks->dirty_start = marks->dirty_end = NULL;

  expand_to_paragraphs (marks, &start, &end);
  for (guint i = 0; i < N_TAGS; i++)
    gtk_text_buffer_remove_tag (marks->buffer, marks->tags[i], &start, &end);

  first_line = gtk_text_iter_get_line (&start);
  text = gtk_text_buffer_get_slice (marks->buffer, &start, &end, TRUE);
  length = strlen (text);
  /* Only the top of the article can hold front matter. */
  found = first_line == 0 ? byline_review_parse (text, length)
                          : byline_review_parse_body (text, length);

  line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (guint i = 0; i < found->len; i++)
    {
      const BylineReviewMark *mark = &g_array_index (found, BylineReviewMark, i);
      gsize change_end;

      if (memchr (text + mark->start, '\n', mark->end - mark->start) == NULL)
        continue;

      /* Where the lines start, counted once, and only for a text with such a mark. */
      if (line_starts->len == 0)
        {
          gsize zero = 0;

          g_array_append_val (line_starts, zero);
          for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
            {
              gsize next = p - text + 1;

              g_array_append_val (line_starts, next);
            }
        }

      switch (mark->kind)
        {
        case BYLINE_REVIEW_ADDITION:
        case BYLINE_REVIEW_DELETION:
        case BYLINE_REVIEW_HIGHLIGHT:
          change_end = MIN (mark->content_end + 3, mark->end);
          tag_bytes (marks,
                     mark->kind == BYLINE_REVIEW_ADDITION ? TAG_ADDITION :
                     mark->kind == BYLINE_REVIEW_DELETION ? TAG_DELETION : TAG_HIGHLIGHT,
                     first_line, (gsize *)line_starts->data, line_starts->len,
                     mark->start, change_end);
          break;

        case BYLINE_REVIEW_SUBSTITUTION:
          change_end = MIN (mark->new_end + 3, mark->end);
          tag_bytes (marks, TAG_DELETION, first_line, (gsize *)line_starts->data,
                     line_starts->len, mark->start, mark->new_start);
          tag_bytes (marks, TAG_ADDITION, first_line, (gsize *)line_starts->data,
                     line_starts->len, mark->new_start, change_end);
          break;

        case BYLINE_REVIEW_COMMENT:
        default:
          change_end = mark->start;
          break;
        }

      /* The comment attached to the change, or the lone comment. */
      tag_bytes (marks, TAG_COMMENT, first_line, (gsize *)line_starts->data, line_starts->len,
                 change_end, mark->end);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule (Marks *marks)
{
  /* Once the writer pauses: the keystroke itself pays nothing here. */
  g_clear_handle_id (&marks->source, g_source_remove);
  marks->source = g_timeout_add (PAUSE_MS, update_cb, marks);
}

/* Takes [start, end) into what is read again at the next pause. */
static void
add_dirty (Marks             *marks,
           const GtkTextIter *start,
           const GtkTextIter *end)
{
  if (marks->dirty_start == NULL)
    {
      marks->dirty_start = gtk_text_buffer_create_mark (marks->buffer, NULL, start, TRUE);
      marks->dirty_end = gtk_text_buffer_create_mark (marks->buffer, NULL, end, FALSE);
    }
  else
    {
      GtkTextIter old_start, old_end;

      gtk_text_buffer_get_iter_at_mark (marks->buffer, &old_start, marks->dirty_start);
      gtk_text_buffer_get_iter_at_mark (marks->buffer, &old_end, marks->dirty_end);
      if (gtk_text_iter_compare (start, &old_start) < 0)
        gtk_text_buffer_move_mark (marks->buffer, marks->dirty_start, start);
      if (gtk_text_iter_compare (end, &old_end) > 0)
        gtk_text_buffer_move_mark (marks->buffer, marks->dirty_end, end);
    }

  schedule (marks);
}

static void
inserted_cb (GtkTextBuffer *buffer,
             GtkTextIter   *location,
             const char    *text,
             int            length,
             Marks         *marks)
{
  GtkTextIter start = *location;

  /* After the insertion: @location is at its end. */
  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  add_dirty (marks, &start, location);
}

static void
deleted_cb (GtkTextBuffer *buffer,
            GtkTextIter   *start,
            GtkTextIter   *end,
            Marks         *marks)
{
  /* After the deletion, both ends meet. */
  add_dirty (marks, start, end);
}

static void
scheme_changed_cb (GtkTextBuffer *buffer,
                   GParamSpec    *pspec,
                   Marks         *marks)
{
  style_tags (marks);
}

static void
marks_connect (Marks         *marks,
               GtkTextBuffer *buffer)
{
  GtkTextTagTable *table;

  marks_disconnect (marks);
  if (buffer == NULL)
    return;

  marks->buffer = buffer;
  g_object_add_weak_pointer (G_OBJECT (buffer), (gpointer *)&marks->buffer);

  table = gtk_text_buffer_get_tag_table (buffer);
  for (guint i = 0; i < N_TAGS; i++)
    {
      marks->tags[i] = gtk_text_tag_table_lookup (table, tag_info[i].name);
      if (marks->tags[i] == NULL)
        marks->tags[i] = gtk_text_buffer_create_tag (buffer, tag_info[i].name, NULL);
    }
  style_tags (marks);

  marks->handlers[0] = g_signal_connect_after (buffer, "insert-text", G_CALLBACK (inserted_cb),
                                               marks);
  marks->handlers[1] = g_signal_connect_after (buffer, "delete-range", G_CALLBACK (deleted_cb),
                                               marks);
  marks->handlers[2] = g_signal_connect (buffer, "notify::style-scheme",
                                         G_CALLBACK (scheme_changed_cb), marks);

  /* The whole text, once. */
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    add_dirty (marks, &start, &end);
  }
}

static void
buffer_changed_cb (GtkWidget  *widget,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  marks_connect (user_data, gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)));
}

void
_byline_source_view_marks_init (GtkWidget *widget)
{
  Marks *marks = g_new0 (Marks, 1);

  g_object_set_data_full (G_OBJECT (widget), "byline-review-marks", marks, marks_free);
  g_signal_connect (widget, "notify::buffer", G_CALLBACK (buffer_changed_cb), marks);
  marks_connect (marks, gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)));
}
