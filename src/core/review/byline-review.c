/* byline-review.c
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

#define G_LOG_DOMAIN "byline-review"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-front-matter.h"
#include "byline-review.h"

/* The parser reads the text as the Markdown parser will: a mark lies within one paragraph (it
 * ends at a blank line or at a code fence), inside a code span or a fenced code block it is
 * text, and marks do not nest (an opening inside a mark is text). A mark without its closing is
 * text. */

#define MAX_AUTHOR_BYTES 64
#define MAX_LINES_LISTED 10

typedef struct
{
  const char *open;
  const char *close;
  BylineReviewKind kind;
} Delimiters;

static const Delimiters delimiters[] = {
  { "{++", "++}", BYLINE_REVIEW_ADDITION },
  { "{--", "--}", BYLINE_REVIEW_DELETION },
  { "{~~", "~~}", BYLINE_REVIEW_SUBSTITUTION },
  { "{==", "==}", BYLINE_REVIEW_HIGHLIGHT },
  { "{>>", "<<}", BYLINE_REVIEW_COMMENT },
};

typedef struct
{
  const char *text;
  gsize       length;
} Scan;

static gsize
line_end (const Scan *scan,
          gsize       pos)
{
  const char *nl = memchr (scan->text + pos, '\n', scan->length - pos);

  return nl != NULL ? (gsize)(nl - scan->text) : scan->length;
}

static gboolean
line_is_blank (const Scan *scan,
               gsize       pos)
{
  for (; pos < scan->length && scan->text[pos] != '\n'; pos++)
    if (scan->text[pos] != ' ' && scan->text[pos] != '\t' && scan->text[pos] != '\r')
      return FALSE;

  return TRUE;
}

/* The fence that opens or closes a fenced code block on the line at @pos: its character and
 * length, or 0. */
static gsize
line_fence (const Scan *scan,
            gsize       pos,
            char       *fence_char,
            gsize      *after)
{
  gsize indent = 0, run = 0;
  char c;

  while (indent < 4 && pos + indent < scan->length && scan->text[pos + indent] == ' ')
    indent++;
  if (indent > 3 || pos + indent >= scan->length)
    return 0;

  c = scan->text[pos + indent];
  if (c != '`' && c != '~')
    return 0;
  while (pos + indent + run < scan->length && scan->text[pos + indent + run] == c)
    run++;
  if (run < 3)
    return 0;

  /* A backtick fence's info string has no backtick. */
  if (c == '`')
    {
      gsize end = line_end (scan, pos);

      if (memchr (scan->text + pos + indent + run, '`', end - (pos + indent + run)) != NULL)
        return 0;
    }

  *fence_char = c;
  if (after != NULL)
    *after = pos + indent + run;
  return run;
}

/* Whether the newline at @nl ends the paragraph: a blank line or a fence follows. */
static gboolean
paragraph_ends_after (const Scan *scan,
                      gsize       nl)
{
  char c;

  return nl + 1 >= scan->length ||
         line_is_blank (scan, nl + 1) ||
         line_fence (scan, nl + 1, &c, NULL) > 0;
}

static gsize
backtick_run (const Scan *scan,
              gsize       pos)
{
  gsize run = 0;

  while (pos + run < scan->length && scan->text[pos + run] == '`')
    run++;

  return run;
}

/* The end of the code span that opens with the @run backticks at @pos, or 0 if they close
 * none within the paragraph. */
static gsize
code_span_end (const Scan *scan,
               gsize       pos,
               gsize       run)
{
  for (gsize i = pos + run; i < scan->length;)
    {
      if (scan->text[i] == '`')
        {
          gsize other = backtick_run (scan, i);

          if (other == run)
            return i + other;
          i += other;
        }
      else if (scan->text[i] == '\n')
        {
          if (paragraph_ends_after (scan, i))
            return 0;
          i++;
        }
      else
        i++;
    }

  return 0;
}

static const Delimiters *
opening_at (const Scan *scan,
            gsize       pos)
{
  if (pos + 3 > scan->length || scan->text[pos] != '{')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (memcmp (scan->text + pos, delimiters[i].open, 3) == 0)
      return &delimiters[i];

  return NULL;
}

/* The offset of the closing of the mark whose content starts at @pos, or 0. Code spans in the
 * content are skipped: their text cannot close the mark. */
static gsize
find_closing (const Scan       *scan,
              gsize             pos,
              const Delimiters *delims)
{
  for (gsize i = pos; i + 3 <= scan->length;)
    {
      char c = scan->text[i];

      if (c == delims->close[0] && memcmp (scan->text + i, delims->close, 3) == 0)
        return i;
      if (c == '`')
        {
          gsize run = backtick_run (scan, i);
          gsize end = code_span_end (scan, i, run);

          i = end > 0 ? end : i + run;
        }
      else if (c == '\n')
        {
          if (paragraph_ends_after (scan, i))
            return 0;
          i++;
        }
      else
        i++;
    }

  return 0;
}

static void
find_author (const Scan       *scan,
             BylineReviewMark *mark)
{
  gsize from = mark->comment_start;
  gsize limit = MIN (mark->comment_end, from + MAX_AUTHOR_BYTES + 1);

  mark->author_start = mark->author_end = from;

  for (gsize i = from; i < limit; i++)
    {
      char c = scan->text[i];

      if (c == ':')
        {
          gsize text_start = i + 1;

          if (i == from)
            return;
          mark->author_start = from;
          mark->author_end = i;
          while (text_start < mark->comment_end && scan->text[text_start] == ' ')
            text_start++;
          mark->comment_start = text_start;
          return;
        }
      if (c == '\n' || c == '\r' || strchr ("<>*_`[]{}", c) != NULL)
        return;
    }
}

/* Reads the mark that opens at @pos, if it closes; returns its end or 0. */
static gsize
read_mark (const Scan       *scan,
           gsize             pos,
           BylineReviewMark *mark)
{
  const Delimiters *delims = opening_at (scan, pos);
  gsize close;

  if (delims == NULL)
    return 0;

  close = find_closing (scan, pos + 3, delims);
  if (close == 0)
    return 0;

  memset (mark, 0, sizeof *mark);
  mark->kind = delims->kind;
  mark->start = pos;
  mark->end = close + 3;
  mark->content_start = pos + 3;
  mark->content_end = close;
  mark->new_start = mark->new_end = close;
  mark->comment_start = mark->comment_end = mark->end;
  mark->author_start = mark->author_end = mark->end;

  if (delims->kind == BYLINE_REVIEW_SUBSTITUTION)
    {
      const char *separator = g_strstr_len (scan->text + mark->content_start,
                                            close - mark->content_start, "~>");

      /* Without its arrow it is no substitution (the Markdown parser then sees ~~text~~). */
      if (separator == NULL)
        return 0;
      mark->content_end = separator - scan->text;
      mark->new_start = mark->content_end + 2;
    }

  if (delims->kind == BYLINE_REVIEW_COMMENT)
    {
      mark->comment_start = mark->content_start;
      mark->comment_end = mark->content_end;
      find_author (scan, mark);
    }
  else
    {
      BylineReviewMark comment;
      gsize comment_end;

      if (scan->length - mark->end >= 3 &&
          memcmp (scan->text + mark->end, "{>>", 3) == 0 &&
          (comment_end = read_mark (scan, mark->end, &comment)) > 0)
        {
          mark->comment_start = comment.comment_start;
          mark->comment_end = comment.comment_end;
          mark->author_start = comment.author_start;
          mark->author_end = comment.author_end;
          mark->end = comment_end;
        }
    }

  return mark->end;
}

static GArray *
parse_range (const char *text,
             gsize       length,
             gsize       from)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (BylineReviewMark));
  Scan scan = { text, length };
  gsize pos = from;
  guint line = 1;
  gsize counted = 0;
  char fence_char = 0;
  gsize fence_run = 0;

  if (text == NULL)
    return marks;

  /* Line by line at the block level: fenced code is skipped whole. */
  while (pos < length)
    {
      gsize end = line_end (&scan, pos);
      char c = 0;
      gsize run, after = 0;

      if (fence_run > 0)
        {
          run = line_fence (&scan, pos, &c, &after);
          if (run >= fence_run && c == fence_char && line_is_blank (&scan, after))
            fence_run = 0;
          pos = end + 1;
          continue;
        }

      run = line_fence (&scan, pos, &c, NULL);
      if (run > 0)
        {
          fence_run = run;
          fence_char = c;
          pos = end + 1;
          continue;
        }

      /* Inline: the paragraph's text from here, up to the end of this line at least (a code
       * span or a mark may carry on to the next lines of the paragraph). */
      while (pos < end)
        {
          BylineReviewMark mark;
          gsize mark_end;

          c = text[pos];
          if (c == '\\' && pos + 1 < end)
            pos += 2;
          else if (c == '`')
            {
              gsize span_run = backtick_run (&scan, pos);
              gsize span_end = code_span_end (&scan, pos, span_run);

              pos = span_end > 0 ? span_end : pos + span_run;
            }
          else if (c == '{' && (mark_end = read_mark (&scan, pos, &mark)) > 0)
            {
              for (; counted < mark.start; counted++)
                if (text[counted] == '\n')
                  line++;
              mark.line = line;
              g_array_append_val (marks, mark);
              pos = mark_end;
            }
          else
            pos++;

          /* A span or a mark that went past this line: carry on from where it ended. */
          if (pos > end)
            end = line_end (&scan, pos);
        }

      pos = end + 1;
    }

  return marks;
}

/**
 * byline_review_parse:
 * @text: an article, with its front matter
 * @length: its length in bytes
 *
 * Finds the review marks in the article's body (marks in the front matter are ignored).
 *
 * Returns: (transfer full) (element-type BylineReviewMark): the marks in order
 */
GArray *
byline_review_parse (const char *text,
                     gsize       length)
{
  gsize body_offset = 0;

  if (text == NULL)
    length = 0;
  if (length > 0 && !byline_front_matter_find (text, length, &body_offset))
    body_offset = 0;

  return parse_range (text, length, body_offset);
}

/**
 * byline_review_parse_body:
 * @text: Markdown without front matter
 * @length: its length in bytes
 *
 * Returns: (transfer full) (element-type BylineReviewMark): the marks in order
 */
GArray *
byline_review_parse_body (const char *text,
                          gsize       length)
{
  return parse_range (text, text != NULL ? length : 0, 0);
}

/**
 * byline_review_count:
 * @text: an article
 * @length: its length in bytes
 * @lines: (out) (optional): where the marks are, as "12, 30, 31" (the first ten lines)
 *
 * Returns: the number of unresolved marks
 */
guint
byline_review_count (const char  *text,
                     gsize        length,
                     char       **lines)
{
  g_autoptr(GArray) marks = byline_review_parse (text, length);

  if (lines != NULL)
    {
      GString *out = g_string_new (NULL);
      guint last = 0;
      guint n_lines = 0;

      for (guint i = 0; i < marks->len; i++)
        {
          guint line = g_array_index (marks, BylineReviewMark, i).line;

          if (line == last)
            continue;
          if (++n_lines > MAX_LINES_LISTED)
            {
              g_string_append (out, ", …");
              break;
            }
          g_string_append_printf (out, "%s%u", out->len > 0 ? ", " : "", line);
          last = line;
        }
      *lines = g_string_free (out, FALSE);
    }

  return marks->len;
}

G_DEFINE_QUARK (byline-review-error-quark, byline_review_error)

/**
 * byline_review_check:
 * @text: an article
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * What exports and publishing ask first: review marks never leave the draft. The error says
 * how many marks are left and on which lines.
 *
 * Returns: %TRUE when the article has no suggestion or comment left
 */
gboolean
byline_review_check (const char  *text,
                     gsize        length,
                     GError     **error)
{
  g_autofree char *lines = NULL;
  g_autofree char *where = NULL;
  guint n;

  if (text == NULL || memchr (text, '{', length) == NULL)
    return TRUE;

  n = byline_review_count (text, length, &lines);
  if (n == 0)
    return TRUE;

  /* Translators: where the suggestions are, in "The article has 2 suggestions or comments
   * left (%s)" */
  where = strchr (lines, ',') != NULL ? g_strdup_printf (_("lines %s"), lines)
                                      : g_strdup_printf (_("line %s"), lines);
  g_set_error (error, BYLINE_REVIEW_ERROR, BYLINE_REVIEW_ERROR_UNRESOLVED,
               g_dngettext (GETTEXT_PACKAGE,
                            "The article has %u suggestion or comment left (%s): accept or reject it first",
                            "The article has %u suggestions or comments left (%s): accept or reject them first",
                            n),
               n, where);
  return FALSE;
}

/**
 * byline_review_resolution:
 * @text: the text @mark was parsed from
 * @mark: a mark
 * @accept: whether to accept the suggestion, or reject it
 *
 * What replaces the mark's bytes when it is accepted or rejected. Accepting an addition keeps
 * it, accepting a deletion removes the text, accepting a substitution keeps the new text;
 * rejecting does the opposite. A highlight keeps its text either way, and a comment goes.
 *
 * Returns: (transfer full): the replacement for [mark->start, mark->end)
 */
char *
byline_review_resolution (const char             *text,
                          const BylineReviewMark *mark,
                          gboolean                accept)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (mark != NULL, NULL);

  switch (mark->kind)
    {
    case BYLINE_REVIEW_ADDITION:
      return accept ? g_strndup (text + mark->content_start, mark->content_end - mark->content_start)
                    : g_strdup ("");
    case BYLINE_REVIEW_DELETION:
      return accept ? g_strdup ("")
                    : g_strndup (text + mark->content_start, mark->content_end - mark->content_start);
    case BYLINE_REVIEW_SUBSTITUTION:
      return accept ? g_strndup (text + mark->new_start, mark->new_end - mark->new_start)
                    : g_strndup (text + mark->content_start, mark->content_end - mark->content_start);
    case BYLINE_REVIEW_HIGHLIGHT:
      return g_strndup (text + mark->content_start, mark->content_end - mark->content_start);
    case BYLINE_REVIEW_COMMENT:
    default:
      return g_strdup ("");
    }
}

/**
 * byline_review_resolve_all:
 * @text: an article
 * @length: its length in bytes
 * @accept: whether to accept every suggestion, or reject them
 *
 * Returns: (transfer full): the article without review marks
 */
char *
byline_review_resolve_all (const char *text,
                           gsize       length,
                           gboolean    accept)
{
  g_autoptr(GArray) marks = byline_review_parse (text, length);
  GString *out = g_string_sized_new (length + 1);
  gsize pos = 0;

  for (guint i = 0; i < marks->len; i++)
    {
      const BylineReviewMark *mark = &g_array_index (marks, BylineReviewMark, i);
      g_autofree char *replacement = byline_review_resolution (text, mark, accept);

      g_string_append_len (out, text + pos, mark->start - pos);
      g_string_append (out, replacement);
      pos = mark->end;
    }
  if (length > pos)
    g_string_append_len (out, text + pos, length - pos);

  return g_string_free (out, FALSE);
}

/**
 * byline_review_suggestion:
 * @kind: %BYLINE_REVIEW_ADDITION, %BYLINE_REVIEW_DELETION or %BYLINE_REVIEW_SUBSTITUTION
 * @old_text: (nullable): the text deleted or replaced
 * @new_text: (nullable): the text added
 * @author: (nullable): who suggests it
 *
 * Writes a suggestion, attributed with a `{>>name:<<}` comment when @author is set.
 *
 * Returns: (transfer full): the marked-up suggestion
 */
char *
byline_review_suggestion (BylineReviewKind  kind,
                          const char       *old_text,
                          const char       *new_text,
                          const char       *author)
{
  GString *out = g_string_new (NULL);
  g_autofree char *name = NULL;

  switch (kind)
    {
    case BYLINE_REVIEW_ADDITION:
      g_string_append_printf (out, "{++%s++}", new_text ? new_text : "");
      break;
    case BYLINE_REVIEW_DELETION:
      g_string_append_printf (out, "{--%s--}", old_text ? old_text : "");
      break;
    case BYLINE_REVIEW_SUBSTITUTION:
      g_string_append_printf (out, "{~~%s~>%s~~}", old_text ? old_text : "", new_text ? new_text : "");
      break;
    case BYLINE_REVIEW_HIGHLIGHT:
    case BYLINE_REVIEW_COMMENT:
    default:
      g_return_val_if_reached (g_string_free (out, FALSE));
    }

  /* The name cannot carry what would end it or the comment. */
  if (author != NULL)
    {
      name = g_utf8_make_valid (author, -1);
      if (strlen (name) > MAX_AUTHOR_BYTES)
        *g_utf8_find_prev_char (name, name + MAX_AUTHOR_BYTES + 1) = '\0';
      g_strstrip (g_strdelimit (name, ":\n\r<>*_`[]{}", ' '));
    }
  if (name != NULL && *name != '\0')
    g_string_append_printf (out, "{>>%s:<<}", name);

  return g_string_free (out, FALSE);
}
