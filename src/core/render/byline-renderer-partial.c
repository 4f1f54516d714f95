/* byline-renderer-partial.c
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

#include "byline-front-matter.h"
#include "byline-renderer-private.h"

/*
 * The incremental render: while the writer types, only the blocks around the edit are parsed
 * again, and the others are kept from the previous result.
 */

static void
copy_block (BylineRenderResult *result,
            const Block        *block,
            gssize              byte_delta,
            gint                line_delta)
{
  Block copy = *block;

  copy.html = g_ref_string_acquire (block->html);
  if (block->heading_text != NULL)
    copy.heading_text = g_ref_string_acquire (block->heading_text);
  copy.start_line += line_delta;
  copy.end_line += line_delta;
  copy.start_byte += byte_delta;
  copy.end_byte += byte_delta;
  g_array_append_val (result->blocks, copy);
}

static gboolean
line_is_blank (const char *text,
               gsize       end)
{
  /* The line that ends just before @end (which starts a line). */
  gsize i = end;

  if (i == 0 || text[i - 1] != '\n')
    return FALSE;
  for (i--; i > 0 && text[i - 1] != '\n'; i--)
    if (!g_ascii_isspace (text[i - 1]))
      return FALSE;

  return TRUE;
}

/* What lies between the top-level blocks of [@start, @end) of @text (the blocks' byte ranges
 * in @blocks, in order): reference definitions and blank lines, of which the non-blank lines are
 * appended to @out. */
static void
append_gaps (GString     *out,
             const char  *text,
             gsize        start,
             gsize        end,
             const Block *blocks,
             guint        n_blocks)
{
  gsize cursor = start;

  for (guint i = 0; i <= n_blocks; i++)
    {
      gsize gap_end = i < n_blocks ? MIN (blocks[i].start_byte, end) : end;

      while (cursor < gap_end)
        {
          const char *nl = memchr (text + cursor, '\n', gap_end - cursor);
          gsize line_end = nl ? (gsize)(nl - text) + 1 : gap_end;
          gboolean blank = TRUE;

          for (gsize j = cursor; j < line_end && blank; j++)
            blank = text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n';
          if (!blank)
            g_string_append_len (out, text + cursor, line_end - cursor);
          cursor = line_end;
        }
      if (i < n_blocks)
        cursor = MAX (cursor, blocks[i].end_byte);
    }
}

/* Whether a block of [@start, @end) of @text (not a code block) has "]:" in its source: it
 * may hold reference definitions, at the start of a paragraph or in a quote or a list. */
static gboolean
blocks_may_define (const char  *text,
                   const Block *blocks,
                   guint        n_blocks)
{
  for (guint i = 0; i < n_blocks; i++)
    if (!g_str_has_prefix (blocks[i].html, "<pre") && blocks[i].end_byte > blocks[i].start_byte &&
        _byline_renderer_contains (text + blocks[i].start_byte,
                                   blocks[i].end_byte - blocks[i].start_byte, "]:"))
      return TRUE;

  return FALSE;
}

/* Renders @bytes by re-parsing only the blocks around what changed since @previous, between
 * top-level block boundaries where the parser's state is known to be empty. Returns %NULL when
 * that cannot be done safely, and a full render must be done. */
BylineRenderResult *
_byline_renderer_render_partial (BylineRenderResult *previous,
                                 GBytes             *bytes)
{
  g_autoptr(BylineRenderResult) result = NULL;
  gsize old_len = 0, new_len = 0;
  const char *old = g_bytes_get_data (previous->text, &old_len);
  const char *new = g_bytes_get_data (bytes, &new_len);
  guint n_body = previous->blocks->len - 1 - (previous->has_footnotes ? 1 : 0);
  const Block *blocks = &g_array_index (previous->blocks, Block, 0);
  gssize byte_delta = (gssize)new_len - (gssize)old_len;
  gsize prefix = 0, suffix = 0, change_end, region_start, new_body = 0;
  guint first, sync;

  if (previous->metadata == NULL || previous->error != NULL || n_body == 0 ||
      old == NULL || new == NULL)
    return NULL;

  while (prefix < old_len && prefix < new_len && old[prefix] == new[prefix])
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         old[old_len - 1 - suffix] == new[new_len - 1 - suffix])
    suffix++;
  change_end = old_len - suffix;

  /* A line ended by a lone "\r", before or after the edit (only the bytes around the change can
   * have become one): such a text is rendered whole. */
  if (previous->lone_cr ||
      _byline_renderer_has_lone_cr (new, new_len, prefix > 0 ? prefix - 1 : 0, new_len - suffix))
    return NULL;

  /* The front matter, or the line right after it, changed. */
  if (prefix <= previous->body_offset)
    return NULL;

  /* Or the edit closed an unclosed one, or made a "---" line that now closes it earlier. */
  if (!byline_front_matter_find (new, new_len, &new_body))
    new_body = 0;
  if (new_body != previous->body_offset)
    return NULL;

  /* The last block that starts at or before the change: an edit right after a block's end (in
   * the blank line after it) may join the two. Then back to a block that follows a blank line
   * after a block that cannot continue past it. */
  first = 1;
  for (guint i = 1; i <= n_body && blocks[i].start_byte <= prefix; i++)
    first = i;
  while (first > 1 && (blocks[first - 1].open_end || !line_is_blank (old, blocks[first].start_byte)))
    first--;
  region_start = first == 1 ? previous->body_offset : blocks[first].start_byte;

  /* The first block after the change is where the new parse must meet the old one again. */
  for (sync = first; sync <= n_body && blocks[sync].start_byte <= change_end; sync++)
    ;

  /* When the change reaches the last block, the slice runs to the end of the text. */
  for (guint attempt = 0; attempt < 4 && sync <= n_body + 1; attempt++, sync++)
    {
      g_autoptr(BylineRenderResult) partial = NULL;
      g_autoptr(GString) footnotes = NULL;
      Block footnotes_block = { NULL, G_MAXUINT, 0, G_MAXSIZE, 0, FALSE, 0, NULL };
      const Block *target = sync <= n_body ? &blocks[sync] : NULL;
      gsize old_end = target ? target->end_byte : old_len;
      gsize new_end = target ? old_end + byte_delta : new_len;
      const char *slice = new + region_start;
      gsize slice_len = new_end - region_start;
      guint base_line = first == 1 ? previous->line_offset + 1 : blocks[first].start_line;
      g_autofree char *combined = NULL;
      const char *input = slice;
      gsize input_len = slice_len;
      gsize definitions_len = 0;
      guint definitions_lines = 0;
      gint line_delta;
      const Block *last;
      gboolean may_define;
      gboolean provisional = FALSE;

      /* Footnotes made or unmade by the edit reach across blocks: leave them to a full
       * render, as well as brackets that may use a definition the collected ones miss (one
       * inside a quote or a list). Reference definitions are checked after the parse. */
      if (_byline_renderer_contains (old + region_start, old_end - region_start, "[^") ||
          _byline_renderer_contains (slice, slice_len, "[^") ||
          (previous->nested_definitions && _byline_renderer_contains (slice, slice_len, "]")))
        return NULL;
      may_define = _byline_renderer_contains (old + region_start, old_end - region_start, "]:") ||
                   _byline_renderer_contains (slice, slice_len, "]:");

      /* Brackets in the slice may use the document's definitions: parse them first. They
       * leave no node behind. (They may hold a NUL: their length is the string's own.) */
      if (g_ref_string_length (previous->definitions) > 0 &&
          _byline_renderer_contains (slice, slice_len, "]"))
        {
          definitions_len = g_ref_string_length (previous->definitions) + 1;
          combined = g_malloc (definitions_len + slice_len);
          memcpy (combined, previous->definitions, definitions_len - 1);
          combined[definitions_len - 1] = '\n';
          memcpy (combined + definitions_len, slice, slice_len);
          definitions_lines = _byline_renderer_count_lines (combined, definitions_len);
          input = combined;
          input_len = definitions_len + slice_len;
        }

      /* cmark-gfm skips a byte order mark at the start of what it reads; in the middle of the
       * text, where a slice may start, one is text. */
      if (input == slice && region_start != previous->body_offset && slice_len >= 3 &&
          memcmp (slice, "\xEF\xBB\xBF", 3) == 0)
        return NULL;

      line_delta = (gint)_byline_renderer_count_lines (new + prefix, new_len - suffix - prefix) -
                   (gint)_byline_renderer_count_lines (old + prefix, change_end - prefix);

      partial = _byline_render_result_new ();
      _byline_renderer_parse_blocks (partial, input, input_len,
                                     (gint)base_line - 1 - (gint)definitions_lines,
                                     (gssize)region_start - (gssize)definitions_len,
                                     &footnotes, &footnotes_block, NULL, NULL);
      /* A paragraph that starts with definitions came with them: it is not in the slice. */
      while (definitions_len > 0 && partial->blocks->len > 0 &&
             (gint)g_array_index (partial->blocks, Block, 0).start_line < (gint)base_line)
        g_array_remove_index (partial->blocks, 0);
      if (footnotes != NULL || (target != NULL && partial->blocks->len == 0))
        return NULL;
      if (partial->blocks->len > 0 &&
          (gint)g_array_index (partial->blocks, Block, 0).start_line < (gint)base_line)
        return NULL;

      /* The slice must end with the target block, parsed as before: the parser's state
       * after it is then the same as in the previous render. */
      last = partial->blocks->len > 0
           ? &g_array_index (partial->blocks, Block, partial->blocks->len - 1) : NULL;
      if (target != NULL &&
          (last->start_line != target->start_line + line_delta ||
          last->end_line != target->end_line + line_delta ||
          last->start_byte != target->start_byte + byte_delta ||
          last->end_byte != new_end ||
          strcmp (last->html, target->html) != 0))
        continue;

      /* Definitions made, unmade or changed by the edit reach every link of the article.
       * Between top-level blocks, what lies there must read the same, and no block (a
       * paragraph that starts with one, a quote, a list) may hold one. Otherwise the slice is
       * right but links elsewhere may not be: the result is provisional, and the renderer
       * renders the whole text next. */
      if (may_define)
        {
          g_autoptr(GString) old_gaps = g_string_new (NULL);
          g_autoptr(GString) new_gaps = g_string_new (NULL);
          const Block *new_blocks = partial->blocks->len > 0
                                  ? &g_array_index (partial->blocks, Block, 0) : NULL;
          guint n_old = sync - first + (target ? 1 : 0);

          if (blocks_may_define (old, &blocks[first], n_old) ||
              blocks_may_define (new, new_blocks, partial->blocks->len))
            provisional = TRUE;

          append_gaps (old_gaps, old, region_start, old_end, &blocks[first], n_old);
          append_gaps (new_gaps, new, region_start, new_end, new_blocks, partial->blocks->len);
          if (!g_string_equal (old_gaps, new_gaps))
            provisional = TRUE;
        }

      result = _byline_render_result_new ();
      result->text = g_bytes_ref (bytes);
      result->metadata = g_object_ref (previous->metadata);
      result->body_offset = previous->body_offset;
      result->line_offset = previous->line_offset;
      result->has_footnotes = previous->has_footnotes;
      result->definitions = g_ref_string_acquire (previous->definitions);
      result->nested_definitions = previous->nested_definitions;
      result->partial = TRUE;
      result->provisional = provisional;

      for (guint i = 0; i < first; i++)
        copy_block (result, &blocks[i], 0, 0);
      for (guint i = 0; i + (target ? 1 : 0) < partial->blocks->len; i++)
        copy_block (result, &g_array_index (partial->blocks, Block, i), 0, 0);
      if (target != NULL)
        copy_block (result, target, byte_delta, line_delta);
      for (guint i = sync + 1; i <= n_body; i++)
        copy_block (result, &blocks[i], byte_delta, line_delta);

      if (previous->has_footnotes)
        {
          Block footnote = blocks[n_body + 1];

          /* The definitions are outside the slice: move each end that lies after it. */
          footnote.html = g_ref_string_acquire (footnote.html);
          if (footnote.start_byte >= old_end)
            {
              footnote.start_byte += byte_delta;
              footnote.start_line += line_delta;
            }
          if (footnote.end_byte >= old_end)
            {
              footnote.end_byte += byte_delta;
              footnote.end_line += line_delta;
            }
          g_array_append_val (result->blocks, footnote);
        }

      return g_steal_pointer (&result);
    }

  return NULL;
}
