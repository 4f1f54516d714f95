/* byline-text-mirror.c
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

#define G_LOG_DOMAIN "byline-text-mirror"

#include "config.h"

#include <string.h>

#include "byline-text-mirror.h"

/*
 * A flat UTF-8 copy of a text buffer, kept up to date from the buffer's insert-text and
 * delete-range signals. Taking the text out of a GtkTextBuffer walks its B-tree and costs
 * about 4.6 ms per megabyte; a snapshot of the mirror is one memcpy, so the page can hand the
 * renderer a fresh snapshot on every keystroke without the main thread paying for it.
 *
 * Edits arrive as character offsets. The mirror remembers where the last edit was, in
 * characters and bytes, and walks from there: typing stays in one place, so the walk is short.
 */

struct _BylineTextMirror
{
  GObject        parent_instance;

  /* Borrowed references */
  GtkTextBuffer *buffer;

  /* Owned references */
  GString       *text;
  /* The last snapshot handed out, while the text is still the same: the renderer and the word
   * counter share one copy. */
  GBytes        *snapshot;

  gsize          mark_chars;
  gsize          mark_bytes;
};

G_DEFINE_FINAL_TYPE (BylineTextMirror, byline_text_mirror, G_TYPE_OBJECT)

/* Bytes with the high bit set belong to multi-byte characters: eight bytes without it are
 * eight characters, which lets the walk skip through ASCII text a word at a time. */
#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)

static const char *
walk_forward (const char *p,
              gsize       n_chars)
{
  while (n_chars >= 8)
    {
      guint64 word;

      memcpy (&word, p, sizeof word);
      if ((word & HIGH_BITS) == 0)
        {
          p += 8;
          n_chars -= 8;
        }
      else
        {
          p = g_utf8_next_char (p);
          n_chars--;
        }
    }
  for (; n_chars > 0; n_chars--)
    p = g_utf8_next_char (p);

  return p;
}

static const char *
walk_backward (const char *str,
               const char *p,
               gsize       n_chars)
{
  while (n_chars >= 8 && p - str >= 8)
    {
      guint64 word;

      memcpy (&word, p - 8, sizeof word);
      if ((word & HIGH_BITS) == 0)
        {
          p -= 8;
          n_chars -= 8;
        }
      else
        {
          p = g_utf8_prev_char (p);
          n_chars--;
        }
    }
  for (; n_chars > 0; n_chars--)
    p = g_utf8_prev_char (p);

  return p;
}

/* The byte offset of the character at @chars. */
static gsize
byte_offset (BylineTextMirror *self,
             gsize             chars)
{
  const char *str = self->text->str;
  const char *p;

  /* From the start when that is closer than the last edit. */
  if (chars < self->mark_chars && chars < self->mark_chars - chars)
    p = walk_forward (str, chars);
  else if (chars >= self->mark_chars)
    p = walk_forward (str + self->mark_bytes, chars - self->mark_chars);
  else
    p = walk_backward (str, str + self->mark_bytes, self->mark_chars - chars);

  self->mark_chars = chars;
  self->mark_bytes = p - str;

  return self->mark_bytes;
}

static void
insert_text_cb (BylineTextMirror *self,
                GtkTextIter      *location,
                const char       *text,
                int               length,
                GtkTextBuffer    *buffer)
{
  gsize at = byte_offset (self, gtk_text_iter_get_offset (location));

  if (length < 0)
    length = strlen (text);

  g_clear_pointer (&self->snapshot, g_bytes_unref);
  g_string_insert_len (self->text, at, text, length);
}

static void
delete_range_cb (BylineTextMirror *self,
                 GtkTextIter      *start,
                 GtkTextIter      *end,
                 GtkTextBuffer    *buffer)
{
  gsize end_bytes = byte_offset (self, gtk_text_iter_get_offset (end));
  gsize start_bytes = byte_offset (self, gtk_text_iter_get_offset (start));

  g_clear_pointer (&self->snapshot, g_bytes_unref);
  g_string_erase (self->text, start_bytes, end_bytes - start_bytes);
}

static void
byline_text_mirror_finalize (GObject *object)
{
  BylineTextMirror *self = BYLINE_TEXT_MIRROR (object);

  g_string_free (self->text, TRUE);
  g_clear_pointer (&self->snapshot, g_bytes_unref);

  G_OBJECT_CLASS (byline_text_mirror_parent_class)->finalize (object);
}

static void
byline_text_mirror_class_init (BylineTextMirrorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_text_mirror_finalize;
}

static void
byline_text_mirror_init (BylineTextMirror *self)
{
}

/**
 * byline_text_mirror_new:
 * @buffer: the buffer to follow
 *
 * Returns: (transfer full): a mirror of @buffer, following it while both live
 */
BylineTextMirror *
byline_text_mirror_new (GtkTextBuffer *buffer)
{
  BylineTextMirror *self;
  GtkTextIter begin, end;
  char *text;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  self = g_object_new (BYLINE_TYPE_TEXT_MIRROR, NULL);
  self->buffer = buffer;

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  text = gtk_text_iter_get_slice (&begin, &end);
  self->text = g_string_new (text);
  g_free (text);

  /* Before the default handlers, while the iterators still point at the edit. */
  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (insert_text_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "delete-range", G_CALLBACK (delete_range_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * byline_text_mirror_dup_bytes:
 *
 * An immutable snapshot of the text, for workers: one copy for every caller until the text
 * changes.
 *
 * Returns: (transfer full): the text as UTF-8 bytes
 */
GBytes *
byline_text_mirror_dup_bytes (BylineTextMirror *self)
{
  g_return_val_if_fail (BYLINE_IS_TEXT_MIRROR (self), NULL);

  if (self->snapshot == NULL)
    self->snapshot = g_bytes_new (self->text->str, self->text->len);

  return g_bytes_ref (self->snapshot);
}
