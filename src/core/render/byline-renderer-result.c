/* byline-renderer-result.c
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

#include <json-glib/json-glib.h>

#include "byline-renderer-private.h"

/*
 * BylineRenderResult: what one render made of the article, its blocks, headings and metadata,
 * and how the preview gets it: whole as JSON, as the difference from the previous result, or as
 * one HTML page.
 */

G_DEFINE_BOXED_TYPE (BylineRenderResult, byline_render_result,
                     byline_render_result_ref, byline_render_result_unref)

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->html, g_ref_string_release);
  g_clear_pointer (&block->heading_text, g_ref_string_release);
}

BylineRenderResult *
_byline_render_result_new (void)
{
  static guint64 last_serial;
  BylineRenderResult *self = g_new0 (BylineRenderResult, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->serial = __atomic_add_fetch (&last_serial, 1, __ATOMIC_RELAXED);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);

  return self;
}

BylineRenderResult *
byline_render_result_ref (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
byline_render_result_unref (BylineRenderResult *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->blocks, g_array_unref);
      g_clear_pointer (&self->headings, g_array_unref);
      g_clear_object (&self->metadata);
      g_clear_error (&self->error);
      g_clear_pointer (&self->text, g_bytes_unref);
      g_clear_pointer (&self->definitions, g_ref_string_release);
      g_clear_pointer (&self->patch, g_variant_unref);
      g_free (self);
    }
}

static void
release_in_thread (gpointer data,
                   gpointer user_data)
{
  byline_render_result_unref (data);
}

/**
 * byline_render_result_release:
 * @self: a #BylineRenderResult
 *
 * Drops a reference like byline_render_result_unref(), but when it is the last one, frees the
 * result in a background thread: a long article's result holds thousands of blocks, and
 * freeing them is work the main thread need not do between two keystrokes.
 */
void
byline_render_result_release (BylineRenderResult *self)
{
  static GThreadPool *pool;

  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_compare (&self->ref_count, 1) || self->blocks->len < 64)
    {
      byline_render_result_unref (self);
      return;
    }

  if (g_once_init_enter_pointer (&pool))
    g_once_init_leave_pointer (&pool, g_thread_pool_new (release_in_thread, NULL, 1, FALSE, NULL));

  g_thread_pool_push (pool, self, NULL);
}

guint
byline_render_result_get_n_blocks (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->blocks->len;
}

/**
 * byline_render_result_get_block_html:
 * @self: a #BylineRenderResult
 * @index: the block's index; 0 is the article header
 * @start_line: (out) (optional): first line of the block in the file, from 1
 * @end_line: (out) (optional): last line of the block in the file
 *
 * Returns: (transfer none): the block's HTML
 */
const char *
byline_render_result_get_block_html (BylineRenderResult *self,
                                     guint               index,
                                     guint              *start_line,
                                     guint              *end_line)
{
  const Block *block;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  block = &g_array_index (self->blocks, Block, index);

  if (start_line != NULL)
    *start_line = block->start_line;
  if (end_line != NULL)
    *end_line = block->end_line;

  return block->html;
}

/**
 * byline_render_result_get_n_headings:
 *
 * How many headings the article has; see byline_render_result_get_heading().
 */
guint
byline_render_result_get_n_headings (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->headings != NULL ? self->headings->len : 0;
}

/**
 * byline_render_result_get_heading:
 * @self: a #BylineRenderResult
 * @index: the heading's index, in the order of the text
 * @level: (out) (optional): the heading's level, 1 to 6
 * @line: (out) (optional): the heading's first line in the file, from 1
 *
 * A top-level heading of the article. Headings in quotes and list items are not listed.
 *
 * Returns: (transfer none): the heading's plain text, without markup; it may be empty
 */
const char *
byline_render_result_get_heading (BylineRenderResult *self,
                                  guint               index,
                                  guint              *level,
                                  guint              *line)
{
  const Block *block;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < byline_render_result_get_n_headings (self), NULL);

  block = &g_array_index (self->blocks, Block, g_array_index (self->headings, guint, index));

  if (level != NULL)
    *level = block->heading_level;
  if (line != NULL)
    *line = block->start_line;

  return block->heading_text;
}

/**
 * byline_render_result_get_metadata:
 *
 * Returns: (transfer none) (nullable): the front matter's metadata, or %NULL when the front
 *   matter could not be read (see byline_render_result_get_error())
 */
BylineMetadata *
byline_render_result_get_metadata (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->metadata;
}

/**
 * byline_render_result_get_error:
 *
 * Returns: (transfer none) (nullable): why the front matter could not be read
 */
const GError *
byline_render_result_get_error (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error;
}

static void
add_block_json (JsonBuilder *builder,
                const Block *block)
{
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, block->html);
  json_builder_add_int_value (builder, block->start_line);
  json_builder_add_int_value (builder, block->end_line);
  json_builder_end_array (builder);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * byline_render_result_to_json:
 *
 * The whole document for the preview script: `{"blocks": [[html, start, end], ...]}`.
 *
 * Returns: (transfer full): JSON text
 */
char *
byline_render_result_to_json (BylineRenderResult *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "blocks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->blocks->len; i++)
    add_block_json (builder, &g_array_index (self->blocks, Block, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

static inline gboolean
same_html (const char *a,
           const char *b)
{
  return a == b || strcmp (a, b) == 0;
}

/**
 * byline_render_result_is_provisional:
 *
 * Whether the result shows the edited blocks but may show links elsewhere as they were: the
 * edit changed reference definitions, which only a render of the whole text applies
 * everywhere. The renderer makes that render the next one, from this result's text on.
 */
gboolean
byline_render_result_is_provisional (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->provisional;
}

/**
 * byline_render_result_is_partial:
 *
 * Whether the result was made by parsing only the changed region of the text again.
 */
gboolean
byline_render_result_is_partial (BylineRenderResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->partial;
}

static void
add_op (JsonBuilder        *builder,
        BylineRenderResult *current,
        guint               at,
        guint               remove,
        guint               n_insert)
{
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, at);
  json_builder_add_int_value (builder, remove);
  json_builder_begin_array (builder);
  for (guint i = at; i < at + n_insert; i++)
    add_block_json (builder, &g_array_index (current->blocks, Block, i));
  json_builder_end_array (builder);
  json_builder_end_array (builder);
}

/**
 * byline_render_result_diff:
 * @previous: what the preview shows now
 * @current: the new render
 *
 * Computes a small change that turns @previous into @current, as JSON for the preview script:
 * `{"ops": [[at, remove, [[html, start, end], ...]], ...], "lines": [[from, to, delta], ...]}`.
 * Each operation, applied in order, removes blocks at index `at` and inserts new ones there
 * (indices are those of @current). Blocks outside the operations are kept as they are (their
 * DOM nodes survive); `lines` moves the line numbers of kept blocks, in runs of the final
 * indices.
 *
 * Between the blocks both results start and end with, blocks are compared one to one when
 * their numbers match, as when footnotes are numbered anew: only those that differ are
 * replaced. Otherwise everything between is.
 *
 * Returns: (transfer full) (nullable): JSON text, or %NULL when nothing changed
 */
char *
byline_render_result_diff (BylineRenderResult *previous,
                           BylineRenderResult *current)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree gboolean *kept = NULL;
  guint old_n, new_n, prefix = 0, suffix = 0;
  gboolean lines_open = FALSE;
  gint run_delta = 0;
  guint run_from = 0;
  gboolean changed = FALSE;

  g_return_val_if_fail (previous != NULL, NULL);
  g_return_val_if_fail (current != NULL, NULL);

  old_n = previous->blocks->len;
  new_n = current->blocks->len;

  /* Blocks kept by an incremental render share their strings: most compare by pointer. */
  while (prefix < old_n && prefix < new_n &&
         same_html (g_array_index (previous->blocks, Block, prefix).html,
                    g_array_index (current->blocks, Block, prefix).html))
    prefix++;

  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         same_html (g_array_index (previous->blocks, Block, old_n - 1 - suffix).html,
                    g_array_index (current->blocks, Block, new_n - 1 - suffix).html))
    suffix++;

  /* Which blocks of @current are kept, at the same index in @previous in the middle. */
  kept = g_new0 (gboolean, new_n + 1);
  for (guint i = 0; i < prefix; i++)
    kept[i] = TRUE;
  for (guint i = new_n - suffix; i < new_n; i++)
    kept[i] = TRUE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ops");
  json_builder_begin_array (builder);
  if (old_n - prefix - suffix == new_n - prefix - suffix)
    {
      guint i = prefix;

      while (i < new_n - suffix)
        {
          guint j = i;

          if (same_html (g_array_index (previous->blocks, Block, i).html,
                         g_array_index (current->blocks, Block, i).html))
            {
              kept[i++] = TRUE;
              continue;
            }
          while (j < new_n - suffix &&
                 !same_html (g_array_index (previous->blocks, Block, j).html,
                             g_array_index (current->blocks, Block, j).html))
            j++;
          add_op (builder, current, i, j - i, j - i);
          changed = TRUE;
          i = j;
        }
    }
  else
    {
      add_op (builder, current, prefix, old_n - prefix - suffix, new_n - prefix - suffix);
      changed = TRUE;
    }
  json_builder_end_array (builder);

  /* Runs of kept blocks whose line numbers moved by the same amount. */
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < new_n; i++)
    {
      guint old_i = i < new_n - suffix ? i : i - new_n + old_n;
      gint delta = 0;

      if (kept[i])
        delta = (gint)g_array_index (current->blocks, Block, i).start_line -
                (gint)g_array_index (previous->blocks, Block, old_i).start_line;

      if (lines_open && (!kept[i] || delta != run_delta))
        {
          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, run_from);
          json_builder_add_int_value (builder, i);
          json_builder_add_int_value (builder, run_delta);
          json_builder_end_array (builder);
          lines_open = FALSE;
        }

      if (kept[i] && delta != 0 && !lines_open)
        {
          lines_open = TRUE;
          run_from = i;
          run_delta = delta;
          changed = TRUE;
        }
    }
  if (lines_open)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, run_from);
      json_builder_add_int_value (builder, new_n);
      json_builder_add_int_value (builder, run_delta);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (!changed)
    return NULL;

  return builder_to_string (builder);
}

void
_byline_render_result_prepare_patch (BylineRenderResult *self,
                                     BylineRenderResult *previous)
{
  g_autofree char *json = NULL;

  g_assert (self != NULL);
  g_assert (previous != NULL);

  json = byline_render_result_diff (previous, self);
  g_clear_pointer (&self->patch, g_variant_unref);
  if (json != NULL)
    self->patch = g_variant_ref_sink (g_variant_new_take_string (g_steal_pointer (&json)));
  self->patch_base = previous->serial;
  self->has_patch = TRUE;
}

/**
 * byline_render_result_get_patch:
 * @self: a #BylineRenderResult
 * @shown: the result the preview shows now
 * @patch: (out) (transfer none) (nullable): the difference, as a JSON string variant
 *
 * The worker that rendered @self also compared it with the result rendered just before; when
 * that is @shown, the preview can use the comparison as it is instead of comparing again on the
 * main thread.
 *
 * Returns: %TRUE if @patch holds the difference from @shown (%NULL: nothing visible changed),
 *   %FALSE if it must be computed with byline_render_result_diff()
 */
gboolean
byline_render_result_get_patch (BylineRenderResult  *self,
                                BylineRenderResult  *shown,
                                GVariant           **patch)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (shown != NULL, FALSE);
  g_return_val_if_fail (patch != NULL, FALSE);

  *patch = NULL;
  if (!self->has_patch || self->patch_base != shown->serial)
    return FALSE;

  *patch = self->patch;

  return TRUE;
}

/**
 * byline_render_result_to_html:
 *
 * The article as one HTML fragment, header included, each block wrapped as in the preview.
 *
 * Returns: (transfer full): HTML
 */
char *
byline_render_result_to_html (BylineRenderResult *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = &g_array_index (self->blocks, Block, i);

      g_string_append_printf (out, "<div class=\"block\" data-sourcepos=\"%u:1-%u:1\">%s</div>\n",
                              block->start_line, block->end_line, block->html);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
