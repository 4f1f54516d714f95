/* fuzz-plain-text.c
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
 * libFuzzer harness for the plain-text extractor that writes `textContent`. What it
 * guarantees for any bytes:
 *
 *  - the text is valid UTF-8 (cmark-gfm replaces invalid bytes and NUL characters),
 *  - raw HTML is dropped: a "<" in the text comes from the Markdown's own text, so a
 *    Markdown without "<" and "&" (no entity can spell one either) gives none,
 *  - no text is lost: Markdown made of ASCII letters, digits and white space only has
 *    no syntax, and its words come out all, in order. The input filtered down to
 *    those characters is checked too, so that every run tests this.
 */

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "byline-plain-text.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* abort(), not g_error(): libFuzzer saves the input on SIGABRT. */
#define fail(...) G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c);
}

static gboolean
is_plain (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!is_word_char (text[i]) && text[i] != ' ' && text[i] != '\t' &&
        text[i] != '\n' && text[i] != '\r')
      return FALSE;

  return TRUE;
}

/* The words of @text (runs of letters and digits), separated by single spaces. */
static char *
words (const char *text,
       gsize       len)
{
  GString *out = g_string_new (NULL);
  gboolean in_word = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (is_word_char (text[i]))
        {
          if (!in_word && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, text[i]);
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }

  return g_string_free (out, FALSE);
}

static char *
check (const char *markdown,
       gsize       len)
{
  char *text = byline_plain_text_from_markdown (markdown, len);
  gsize text_len = strlen (text);

  if (!g_utf8_validate (text, -1, NULL))
    fail ("The plain text is not valid UTF-8:\n%s", text);

  if (memchr (markdown, '<', len) == NULL && memchr (markdown, '&', len) == NULL &&
      strchr (text, '<') != NULL)
    fail ("The plain text has a “<” its Markdown has not:\n%s", text);

  if (is_plain (markdown, len))
    {
      g_autofree char *in = words (markdown, len);
      g_autofree char *out = words (text, text_len);

      if (strcmp (in, out) != 0)
        fail ("The plain text lost or changed words:\n%s\n---\n%s", in, out);
    }

  return text;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *markdown = (const char *)data;
  g_autofree char *text = NULL;
  g_autofree char *plain_text = NULL;
  g_autofree char *filtered = g_malloc (size + 1);
  gsize len = 0;

  text = check (markdown, size);

  for (gsize i = 0; i < size; i++)
    if (is_plain (markdown + i, 1))
      filtered[len++] = markdown[i];
  filtered[len] = 0;
  plain_text = check (filtered, len);

  return 0;
}
