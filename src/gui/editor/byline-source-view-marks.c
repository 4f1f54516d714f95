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
  gulong         changed_handler;
  gulong         scheme_handler;
  guint          source;
  gboolean       tagged;
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

  g_clear_signal_handler (&marks->changed_handler, marks->buffer);
  g_clear_signal_handler (&marks->scheme_handler, marks->buffer);
  g_object_remove_weak_pointer (G_OBJECT (marks->buffer), (gpointer *)&marks->buffer);
  marks->buffer = NULL;
  memset (marks->tags, 0, sizeof marks->tags);
  marks->tagged = FALSE;
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
           const char  *text,
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
  gtk_text_buffer_get_iter_at_line_index (marks->buffer, &from, lo, start - line_starts[lo]);

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
  gtk_text_buffer_get_iter_at_line_index (marks->buffer, &to, lo, end - line_starts[lo]);

  gtk_text_buffer_apply_tag (marks->buffer, marks->tags[kind], &from, &to);
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

  marks->source = 0;
  if (marks->buffer == NULL)
    return G_SOURCE_REMOVE;

  gtk_text_buffer_get_bounds (marks->buffer, &start, &end);
  if (marks->tagged)
    for (guint i = 0; i < N_TAGS; i++)
      gtk_text_buffer_remove_tag (marks->buffer, marks->tags[i], &start, &end);
  marks->tagged = FALSE;

  text = gtk_text_buffer_get_text (marks->buffer, &start, &end, TRUE);
  length = strlen (text);
  found = byline_review_parse (text, length);

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
                     text, (gsize *)line_starts->data, line_starts->len, mark->start, change_end);
          break;

        case BYLINE_REVIEW_SUBSTITUTION:
          change_end = MIN (mark->new_end + 3, mark->end);
          tag_bytes (marks, TAG_DELETION, text, (gsize *)line_starts->data, line_starts->len,
                     mark->start, mark->new_start);
          tag_bytes (marks, TAG_ADDITION, text, (gsize *)line_starts->data, line_starts->len,
                     mark->new_start, change_end);
          break;

        case BYLINE_REVIEW_COMMENT:
        default:
          change_end = mark->start;
          break;
        }

      /* The comment attached to the change, or the lone comment. */
      tag_bytes (marks, TAG_COMMENT, text, (gsize *)line_starts->data, line_starts->len,
                 change_end, mark->end);
      marks->tagged = TRUE;
    }

  return G_SOURCE_REMOVE;
}

static void
changed_cb (GtkTextBuffer *buffer,
            Marks         *marks)
{
  /* Once the writer pauses: the keystroke itself pays nothing here. */
  g_clear_handle_id (&marks->source, g_source_remove);
  marks->source = g_timeout_add (PAUSE_MS, update_cb, marks);
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

  marks->changed_handler = g_signal_connect (buffer, "changed", G_CALLBACK (changed_cb), marks);
  marks->scheme_handler = g_signal_connect (buffer, "notify::style-scheme",
                                            G_CALLBACK (scheme_changed_cb), marks);
  changed_cb (buffer, marks);
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
