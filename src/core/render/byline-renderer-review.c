/* byline-renderer-review.c
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

#include "byline-review.h"
#include "byline-renderer-private.h"

/* Review marks as tracked changes. The Markdown parser must not read a mark's delimiters as
 * text ({~~ would open a strikethrough) and the blocks' positions must not move, so before
 * parsing each delimiter becomes a character of the same length that no Markdown rule reads:
 * the three-byte ones private-use characters, the two-byte "~>" the C1 control U+0080. After
 * rendering, those become the tags, except inside a tag (a link's title, an image's alt
 * text), where the delimiters come back as they were written. A text that already holds one
 * of these characters is rendered as it is, its marks as text. */

enum
{
  CODE_ADDITION_OPEN,
  CODE_ADDITION_CLOSE,
  CODE_DELETION_OPEN,
  CODE_DELETION_CLOSE,
  CODE_SUBSTITUTION_OPEN,
  CODE_SUBSTITUTION_CLOSE,
  CODE_HIGHLIGHT_OPEN,
  CODE_HIGHLIGHT_CLOSE,
  CODE_COMMENT_OPEN,
  CODE_COMMENT_CLOSE,
  CODE_COMMENT_AUTHOR_OPEN,
  N_CODES
};

#define LEAD0 '\xef'
#define LEAD1 '\xa3'
#define CODE_BASE 0xa0
#define SEPARATOR0 '\xc2'
#define SEPARATOR1 '\x80'

static const char *code_text[N_CODES] = {
  "{++", "++}", "{--", "--}", "{~~", "~~}", "{==", "==}", "{>>", "<<}", "{>>",
};

static inline gboolean
is_code (const char *p,
         const char *end,
         guint      *code)
{
  guchar c;

  if (end - p < 3 || p[0] != LEAD0 || p[1] != LEAD1)
    return FALSE;
  c = (guchar)p[2];
  if (c < CODE_BASE || c >= CODE_BASE + N_CODES)
    return FALSE;
  *code = c - CODE_BASE;
  return TRUE;
}

static inline gboolean
is_separator (const char *p,
              const char *end)
{
  return end - p >= 2 && p[0] == SEPARATOR0 && p[1] == SEPARATOR1;
}

static void
put_code (char  *out,
          gsize  at,
          guint  code)
{
  out[at] = LEAD0;
  out[at + 1] = LEAD1;
  out[at + 2] = (char)(CODE_BASE + code);
}

static gboolean
holds_codes (const char *text,
             gsize       length)
{
  const char *end = text + length;
  guint code;

  for (const char *p = text; p < end; p++)
    if ((*p == LEAD0 && is_code (p, end, &code)) || (*p == SEPARATOR0 && is_separator (p, end)))
      return TRUE;

  return FALSE;
}

static void
put_comment (char       *out,
             gsize       open,
             gsize       close,
             gboolean    author)
{
  put_code (out, open, author ? CODE_COMMENT_AUTHOR_OPEN : CODE_COMMENT_OPEN);
  put_code (out, close, CODE_COMMENT_CLOSE);
}

/* The body @text with its marks' delimiters replaced, or NULL when there is nothing to
 * replace. */
char *
_byline_renderer_review_mask (const char *text,
                              gsize       length)
{
  g_autoptr(GArray) marks = NULL;
  char *out;

  if (length < 6 || memchr (text, '{', length) == NULL)
    return NULL;

  marks = byline_review_parse_body (text, length);
  if (marks->len == 0 || holds_codes (text, length))
    return NULL;

  out = g_malloc (length + 1);
  memcpy (out, text, length);
  out[length] = '\0';

  for (guint i = 0; i < marks->len; i++)
    {
      const BylineReviewMark *m = &g_array_index (marks, BylineReviewMark, i);
      gboolean author = m->author_end > m->author_start;
      gsize close;

      if (m->kind == BYLINE_REVIEW_COMMENT)
        {
          put_comment (out, m->start, m->end - 3, author);
          continue;
        }

      close = m->kind == BYLINE_REVIEW_SUBSTITUTION ? m->new_end : m->content_end;
      put_code (out, m->start, CODE_ADDITION_OPEN + 2 * m->kind);
      put_code (out, close, CODE_ADDITION_CLOSE + 2 * m->kind);
      if (m->kind == BYLINE_REVIEW_SUBSTITUTION)
        {
          out[m->content_end] = SEPARATOR0;
          out[m->content_end + 1] = SEPARATOR1;
        }
      if (close + 3 < m->end)
        put_comment (out, close + 3, m->end - 3, author);
    }

  return out;
}

/* Puts the delimiters back in @text, in place (the outline's headings). */
void
_byline_renderer_review_unmask (char *text)
{
  char *end = text + strlen (text);
  guint code;

  for (char *p = text; p < end; p++)
    {
      if (*p == LEAD0 && is_code (p, end, &code))
        {
          memcpy (p, code_text[code], 3);
          p += 2;
        }
      else if (*p == SEPARATOR0 && is_separator (p, end))
        {
          memcpy (p, "~>", 2);
          p++;
        }
    }
}

#define MAX_DEPTH 16

static void
close_tag (GString *out,
           guint    open_code,
           gboolean separated)
{
  switch (open_code)
    {
    case CODE_ADDITION_OPEN:
      g_string_append (out, "</ins>");
      break;
    case CODE_DELETION_OPEN:
      g_string_append (out, "</del>");
      break;
    case CODE_SUBSTITUTION_OPEN:
      g_string_append (out, separated ? "</ins></span>" : "</del></span>");
      break;
    case CODE_HIGHLIGHT_OPEN:
      g_string_append (out, "</mark>");
      break;
    default:
      g_string_append (out, "</span>");
      break;
    }
}

/* The block's HTML with the marks as tracked changes: <ins>, <del>, <mark> and comment
 * bubbles, each with the class "critic". A mark cut by a block's end is closed there. */
char *
_byline_renderer_review_html (const char *html)
{
  GString *out = g_string_sized_new (strlen (html) + 256);
  const char *end = html + strlen (html);
  guint stack[MAX_DEPTH];
  guint depth = 0;
  gboolean in_tag = FALSE;
  gboolean separated = FALSE;
  gboolean in_author = FALSE;
  guint code;

  for (const char *p = html; p < end; p++)
    {
      if (*p == LEAD0 && is_code (p, end, &code))
        {
          p += 2;
          if (in_tag)
            {
              g_string_append (out, code_text[code]);
              continue;
            }
          if (in_author)
            {
              g_string_append (out, "</span>");
              in_author = FALSE;
            }
          if (code == CODE_COMMENT_AUTHOR_OPEN || code % 2 == 0)
            {
              if (depth == MAX_DEPTH)
                continue;
              switch (code)
                {
                case CODE_ADDITION_OPEN:
                  g_string_append (out, "<ins class=\"critic critic-addition\">");
                  break;
                case CODE_DELETION_OPEN:
                  g_string_append (out, "<del class=\"critic critic-deletion\">");
                  break;
                case CODE_SUBSTITUTION_OPEN:
                  g_string_append (out, "<span class=\"critic critic-substitution\"><del class=\"critic-old\">");
                  separated = FALSE;
                  break;
                case CODE_HIGHLIGHT_OPEN:
                  g_string_append (out, "<mark class=\"critic critic-highlight\">");
                  break;
                case CODE_COMMENT_AUTHOR_OPEN:
                  g_string_append (out, "<span class=\"critic critic-comment\" role=\"note\"><span class=\"critic-author\">");
                  in_author = TRUE;
                  break;
                default:
                  g_string_append (out, "<span class=\"critic critic-comment\" role=\"note\">");
                  break;
                }
              stack[depth++] = code;
            }
          else
            {
              guint open = code - 1;
              gboolean found = FALSE;

              for (guint i = depth; i > 0 && !found; i--)
                found = stack[i - 1] == open || (open == CODE_COMMENT_OPEN && stack[i - 1] == CODE_COMMENT_AUTHOR_OPEN);
              /* A closing whose opening is in another block: nothing. */
              while (found && depth > 0)
                {
                  guint top = stack[--depth];

                  close_tag (out, top, separated);
                  if (top == open || (open == CODE_COMMENT_OPEN && top == CODE_COMMENT_AUTHOR_OPEN))
                    break;
                }
            }
        }
      else if (*p == SEPARATOR0 && is_separator (p, end))
        {
          p++;
          if (!in_tag && depth > 0 && stack[depth - 1] == CODE_SUBSTITUTION_OPEN && !separated)
            {
              g_string_append (out, "</del><ins class=\"critic-new\">");
              separated = TRUE;
            }
          else
            g_string_append (out, "~>");
        }
      else if (*p == ':' && in_author && !in_tag)
        {
          g_string_append (out, "</span>");
          in_author = FALSE;
        }
      else
        {
          if (*p == '<')
            in_tag = TRUE;
          else if (*p == '>')
            in_tag = FALSE;
          g_string_append_c (out, *p);
        }
    }

  if (in_author)
    g_string_append (out, "</span>");
  while (depth > 0)
    close_tag (out, stack[--depth], separated);

  return g_string_free (out, FALSE);
}
